/** Integration test in a real account: `npm run integ` (see docs/development.md, "Integration test"). */
import { buildIntegApp } from './integ-app';

buildIntegApp().synth();
