import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildAppConfig } from '../config/app.config';
import { validateEnvironment } from '../config/environment';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI: `npx typeorm -d dist/src/database/data-source.js migration:show`. */
export default new DataSource(dataSourceOptions(buildAppConfig(validateEnvironment(process.env)).database));
