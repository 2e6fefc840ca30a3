export * from './model';
export * from './config';
export * from './text';
export * from './quickchart';
export * from './charts';
