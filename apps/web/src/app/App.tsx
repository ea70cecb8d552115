// The application shell: sign-in or first run, then navigation, the status bar and the page.
import { useEffect } from 'react';
import { LaptopsPage } from '../admin/LaptopsPage.tsx';
import { TeachersPage } from '../admin/TeachersPage.tsx';
import { useAuth, useSignOut } from '../core/useAuth.ts';
import { PairLaptopPage } from '../auth/PairLaptopPage.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { TeacherSignIn } from '../auth/TeacherSignIn.tsx';
import { TakeAttendancePage } from '../attendance/TakeAttendancePage.tsx';
import { CameraCheckPage } from '../camera-check/CameraCheckPage.tsx';
import { ClassesPage } from '../classes/ClassesPage.tsx';
import { loadFaceEngine } from '../face/face-service.ts';
import { PrivacyPage } from '../consent/PrivacyPage.tsx';
import { RecordsPage } from '../records/RecordsPage.tsx';
import { AbsencesPage } from '../absences/AbsencesPage.tsx';
import { NoticeSettingsPage } from '../notices/NoticeSettingsPage.tsx';
import { readSettings } from '../core/settings.ts';
import { SettingsPage } from '../settings/SettingsPage.tsx';
import { FolderImportPage } from '../students/FolderImportPage.tsx';
import { RosterImportPage } from '../students/RosterImportPage.tsx';
import { StudentEditPage, StudentsPage } from '../students/StudentsPage.tsx';
import { pageTitle } from '../ui/page-title.ts';
import { FirstSteps } from './FirstSteps.tsx';
import { closedText, mayOpen, navFor, roleOf, type Role } from './page-access.ts';
import { href, useRoute, type Route } from '../core/router.ts';
import { services } from '../core/services.ts';
import { StatusBar } from './StatusBar.tsx';
import { Alert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

function Page({ route, role, selfId }: { route: Route; role: Role; selfId: string }) {
  if (!mayOpen(role, route.page)) return <Alert tone="notice">{closedText(route.page)}</Alert>;
  const admin = role === 'admin';
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
      return <RecordsPage canEdit />;
    case 'absences':
      // Teachers explain their own classes' absences (the API scopes them); only an admin changes the codes.
      return <AbsencesPage canEditCodes={admin} />;
    case 'settings':
      return <SettingsPage />;
    case 'notices':
      return <NoticeSettingsPage />;
    case 'privacy':
      return <PrivacyPage />;
    case 'teachers':
      return <TeachersPage selfId={selfId} />;
    case 'laptops':
      return <LaptopsPage canEdit={admin} />;
    case 'pair':
      return (
        <Alert tone="notice">
          {t({
            id: 'app.pair.signedIn',
            defaultMessage: 'You are signed in. To pair this laptop, sign out first, then choose “Set up this classroom laptop”.',
          })}
        </Alert>
      );
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
  useEffect(
    () =>
      void (document.title = signedIn
        ? pageTitle(route)
        : auth.status === 'needs-setup'
          ? t({ id: 'app.title.welcome', defaultMessage: 'Welcome – Rollcall' })
          : t({ id: 'app.title.signIn', defaultMessage: 'Sign in – Rollcall' })),
    [signedIn, route, auth.status],
  );

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

  if (auth.status === 'loading') return <p className="loading">{t({ id: 'app.loading', defaultMessage: 'Loading Rollcall…' })}</p>;
  if (auth.status === 'needs-setup') return <SignInPage firstRun />;
  if (auth.status === 'signed-out')
    return route.page === 'pair' ? <PairLaptopPage initialCode={route.code} /> : <SignInPage firstRun={false} notice={auth.error} />;

  const actor = auth.me.actor;
  const who =
    actor.kind === 'user'
      ? t(
          { id: 'app.who.user', defaultMessage: '{name} ({role, select, admin {admin} teacher {teacher} other {{role}}})' },
          { name: actor.user.name, role: actor.user.role },
        )
      : t({ id: 'app.who.device', defaultMessage: 'Device {name}' }, { name: actor.device.name });
  const role = roleOf(auth.me);
  const selfId = auth.me.actor.kind === 'user' ? auth.me.actor.user.id : auth.me.actor.device.id;
  return (
    <div className="shell">
      <header className="top">
        <h1>Rollcall</h1>
        <StatusBar />
        <div className="who">
          <span>{who}</span>
          {auth.offline && <span className="pill warn">{t({ id: 'app.offlineSession', defaultMessage: 'offline session' })}</span>}
          {role === 'device' && <TeacherSignIn />}
          <button
            type="button"
            className="link"
            onClick={() =>
              (role !== 'device' ||
                window.confirm(t({ id: 'app.unpair.confirm', defaultMessage: 'Unpair this laptop? An admin will have to register it again.' }))) &&
              signOut.mutate()
            }
          >
            {role === 'device' ? t({ id: 'app.unpair.button', defaultMessage: 'Unpair this laptop' }) : t({ id: 'app.signOut', defaultMessage: 'Sign out' })}
          </button>
        </div>
      </header>
      <nav aria-label={t({ id: 'app.nav.label', defaultMessage: 'Main' })}>
        <ul>
          {navFor(role).map((n) => (
            <li key={n.route.page}>
              <a href={href(n.route)} aria-current={route.page === n.route.page ? 'page' : undefined}>
                {n.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main>
        {role === 'admin' && <FirstSteps />}
        <Page route={route} role={role} selfId={selfId} />
      </main>
    </div>
  );
}
