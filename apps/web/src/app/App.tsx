// The application shell: sign-in or first run, then navigation, the status bar and the page.
import { useEffect } from 'react';
import { isAdmin, useAuth, useSignOut } from '../auth/useAuth.ts';
import { SignInPage } from '../auth/SignInPage.tsx';
import { TakeAttendancePage } from '../attendance/TakeAttendancePage.tsx';
import { CameraCheckPage } from '../camera/CameraCheckPage.tsx';
import { ClassesPage } from '../classes/ClassesPage.tsx';
import { loadFaceEngine } from '../face/face-service.ts';
import { PrivacyPage } from '../consent/PrivacyPage.tsx';
import { RecordsPage } from '../records/RecordsPage.tsx';
import { readSettings } from '../settings/settings.ts';
import { SettingsPage } from '../settings/SettingsPage.tsx';
import { FolderImportPage } from '../students/FolderImportPage.tsx';
import { RosterImportPage } from '../students/RosterImportPage.tsx';
import { StudentEditPage, StudentsPage } from '../students/StudentsPage.tsx';
import { pageTitle } from '../ui/page-title.ts';
import { href, useRoute, type Route } from './router.ts';
import { services } from './services.ts';
import { StatusBar } from './StatusBar.tsx';

const NAV: { label: string; route: Route }[] = [
  { label: 'Take attendance', route: { page: 'attendance' } },
  { label: 'Students', route: { page: 'students' } },
  { label: 'Classes', route: { page: 'classes' } },
  { label: 'Records', route: { page: 'records' } },
  { label: 'Settings', route: { page: 'settings' } },
  { label: 'Camera check', route: { page: 'camera' } },
];

function Page({ route, admin, staff }: { route: Route; admin: boolean; staff: boolean }) {
  switch (route.page) {
    case 'students':
      return <StudentsPage canEdit={admin} />;
    case 'student-new':
      return <StudentEditPage studentId={null} />;
    case 'student':
      return <StudentEditPage studentId={route.studentId} />;
    case 'import-roster':
      return <RosterImportPage />;
    case 'import-folder':
      return <FolderImportPage />;
    case 'classes':
      return <ClassesPage canEdit={admin} />;
    case 'records':
      // Teachers correct and clear their own classes' records (the API scopes them).
      return <RecordsPage canEdit={staff} />;
    case 'settings':
      return <SettingsPage />;
    case 'privacy':
      return admin ? <PrivacyPage /> : <p role="alert">Only an admin can see the Privacy page.</p>;
    case 'camera':
      return <CameraCheckPage />;
    default:
      return <TakeAttendancePage />;
  }
}

export function App() {
  const auth = useAuth();
  const route = useRoute();
  const signOut = useSignOut();
  const signedIn = auth.status === 'signed-in';
  useEffect(() => void (document.title = signedIn ? pageTitle(route) : auth.status === 'needs-setup' ? 'Welcome – Rollcall' : 'Sign in – Rollcall'), [signedIn, route, auth.status]);

  useEffect(() => {
    if (!signedIn) return;
    services.session.signedIn();
    // Start loading the models now, so they are ready (and cached for offline) when needed, on the
    // backend the device's settings ask for: the page keeps the first engine it loads.
    void readSettings(services.db)
      .then((s) => loadFaceEngine(s.backend))
      .catch(() => undefined);
    return () => void services.session.signedOut();
  }, [signedIn]);

  if (auth.status === 'loading') return <p className="loading">Loading Rollcall…</p>;
  if (auth.status === 'needs-setup') return <SignInPage firstRun />;
  if (auth.status === 'signed-out') return <SignInPage firstRun={false} notice={auth.error} />;

  const who = auth.me.actor.kind === 'user' ? `${auth.me.actor.user.name} (${auth.me.actor.user.role})` : `Device ${auth.me.actor.device.name}`;
  const admin = isAdmin(auth);
  return (
    <div className="shell">
      <header className="top">
        <h1>Rollcall</h1>
        <StatusBar />
        <div className="who">
          <span>{who}</span>
          {auth.offline && <span className="pill warn">offline session</span>}
          <button type="button" className="link" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </div>
      </header>
      <nav aria-label="Main">
        <ul>
          {(admin ? [...NAV, { label: 'Privacy', route: { page: 'privacy' } } satisfies (typeof NAV)[number]] : NAV).map((n) => (
            <li key={n.label}>
              <a href={href(n.route)} aria-current={route.page === n.route.page ? 'page' : undefined}>
                {n.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main>
        <Page route={route} admin={admin} staff={auth.me.actor.kind === 'user'} />
      </main>
    </div>
  );
}
