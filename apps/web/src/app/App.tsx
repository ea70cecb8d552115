// The application shell: navigation and the server status. Feature pages arrive with the web app issues.
import { useHealth } from './useHealth.ts';

const PAGES = ['Take attendance', 'Students', 'Classes', 'Records', 'Settings', 'Camera check'];

export function App() {
  const health = useHealth();
  const status =
    health.state === 'loading' ? 'Connecting…' : health.state === 'ok' ? `Server ${health.health.status === 'ok' ? 'online' : 'degraded'} · ${health.health.database.dialect}` : 'Server unreachable';
  return (
    <div className="shell">
      <header>
        <h1>Rollcall</h1>
        <span role="status" className={`status status-${health.state}`}>{status}</span>
      </header>
      <nav aria-label="Main">
        <ul>
          {PAGES.map((p) => (
            <li key={p}>
              <a href={`#${p.toLowerCase().replace(/\s+/g, '-')}`}>{p}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main>
        <h2>Welcome</h2>
        <p>Rollcall marks students present as they walk in, from this laptop&apos;s camera. Faces are analysed in this browser; photos never leave it.</p>
        <p>
          The API is documented at <a href="/api/docs">/api/docs</a>.
        </p>
      </main>
    </div>
  );
}
