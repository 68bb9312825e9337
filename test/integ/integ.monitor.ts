/** Integration test in a real account: `npm run integ` (see README, "Integration test"). */
import { buildIntegApp } from './integ-app';

buildIntegApp().synth();
