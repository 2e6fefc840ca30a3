// kysely 0.29 publishes its Migrator under the `kysely/migration` export, which TypeScript's
// classic `node` module resolution (used by this CommonJS project) cannot see. Node itself
// resolves the export map at run time; this only points the type checker at the same file.
declare module 'kysely/migration' {
  export * from 'kysely/dist/migration/index';
}
