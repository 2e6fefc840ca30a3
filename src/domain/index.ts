export * from './time';
export * from './summary';
export * from './breakdown';
