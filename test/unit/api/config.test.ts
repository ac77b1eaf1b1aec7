import { expect } from 'chai';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../api/config.ts';

describe('config', () => {
  it('defaults to port 3000, ./data, the embedded database and demo seed on', () => {
    const c = loadConfig({});
    expect(c.port).to.equal(3000);
    expect(c.dataDir).to.equal(path.resolve('./data'));
    expect(c.databaseUrl).to.equal(null);
    expect(c.seedDemo).to.equal(true);
    expect(c.demoPassword).to.equal('demo1234');
    expect(c.workers).to.equal(1);
  });

  it('reads every variable', () => {
    const c = loadConfig({ PORT: '8080', DATA_DIR: '/tmp/x', DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: 'false', DEMO_PASSWORD: 'secret99', SESSION_SECRET: 'a'.repeat(32), LOG_LEVEL: 'warn', WORKERS: '2' });
    expect(c).to.include({ port: 8080, dataDir: '/tmp/x', databaseUrl: 'postgres://u@h/db', seedDemo: false, demoPassword: 'secret99', logLevel: 'warn', workers: 2 });
  });

  it('refuses bad values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(ConfigError, /PORT/);
    expect(() => loadConfig({ PORT: '70000' })).to.throw(ConfigError, /PORT/);
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).to.throw(ConfigError, /SEED_DEMO/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).to.throw(ConfigError, /DATABASE_URL/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).to.throw(ConfigError, /SESSION_SECRET/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).to.throw(ConfigError, /LOG_LEVEL/);
    expect(() => loadConfig({ WORKERS: '0', DATABASE_URL: 'postgres://u@h/db' })).to.throw(ConfigError, /WORKERS/);
    // The embedded database lives inside one process: several workers cannot share it.
    expect(() => loadConfig({ WORKERS: '2' })).to.throw(ConfigError, /WORKERS.*DATABASE_URL/);
  });
});
