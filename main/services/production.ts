// Builds the services for the real app (Electron) from the real modules, through adapters.
import { join } from 'node:path';
import { createAppServices, type AppServices } from './app-services.ts';

export interface ProductionOptions {
  dataDir: string;
  version: string;
  openDashboard: () => void;
}

export async function createProductionServices(options: ProductionOptions): Promise<AppServices> {
  return createAppServices({
    dataDir: join(options.dataDir, 'kiosk'),
    info: { name: '書かない窓口', version: options.version, demoMode: false, idleTimeoutSeconds: 120, idleCountdownSeconds: 30 },
    openDashboard: options.openDashboard,
  });
}
