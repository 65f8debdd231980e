export { configSchema, SECRET_PATHS, type Config, type ConfigInput, type ProviderName } from './schema.ts';
export { loadConfig, inspectConfig, type ConfigProblem, type LoadedConfig, type LoadOptions } from './load.ts';
export { maskSecrets, maskUrlPassword, secretValues, MASK } from './mask.ts';
export { ENV_KEYS } from './env.ts';
