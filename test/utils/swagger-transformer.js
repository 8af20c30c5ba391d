// Applies the @nestjs/swagger CLI plugin under ts-jest, as `nest build` does, so the
// OpenAPI document in tests matches the one the built server serves.
const transformer = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 1;
module.exports.factory = (compiler) =>
  transformer.before({ classValidatorShim: true, introspectComments: true }, compiler.program);
