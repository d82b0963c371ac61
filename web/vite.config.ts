import { defineConfig } from 'vite';

// The API's path prefixes (template.yaml's routes). In production one CloudFront distribution
// serves the app and routes these to API Gateway; `npm run dev` proxies them to ./run.sh's service
// so the app and the API stay on one origin (the refresh cookie is SameSite=Strict).
const api = process.env.API_URL ?? 'http://localhost:3000';
const prefixes = ['/admin', '/auth', '/bookings', '/health', '/holds', '/me', '/payments', '/performances', '/schedules', '/config.json'];

export default defineConfig({
  build: { target: 'es2022', sourcemap: false, assetsInlineLimit: 0 },
  server: { proxy: Object.fromEntries(prefixes.map((p) => [p, { target: api, changeOrigin: false }])) },
});
