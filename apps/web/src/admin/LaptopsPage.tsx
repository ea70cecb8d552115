// Classroom laptops: register a laptop for some classes (its pairing code is shown once), see
// when each was last heard from, change one's name or classes (admins), and revoke one that is
// lost or replaced. Teachers see and manage the laptops of their own classes; the API enforces the same.
import { useState } from 'react';
import type { Device, ResponseOf } from '@rollcall/contracts';
import { useCreateDevice, useDevices, useRevokeDevice, useUpdateDevice } from '../data/admin.ts';
import { useCachedClasses } from '../data/local.ts';
import type { CachedClass } from '../local/db.ts';
import { errorText } from '../ui/messages.ts';
import { classNames } from './ClassChecks.tsx';
import { LaptopForm } from './LaptopForm.tsx';
import { PairingCard } from './PairingCard.tsx';
import { Alert } from '../ui/Alert.tsx';
import { Confirm } from '../ui/Confirm.tsx';
import { t } from '../core/i18n.ts';
import { formatWhen } from '../ui/format.ts';

const headings = () => ({
  laptop: t({ id: 'admin.laptops.column.laptop', defaultMessage: 'Laptop' }),
  classes: t({ id: 'admin.laptops.column.classes', defaultMessage: 'Classes' }),
  registeredBy: t({ id: 'admin.laptops.column.registeredBy', defaultMessage: 'Registered by' }),
  lastSeen: t({ id: 'admin.laptops.column.lastSeen', defaultMessage: 'Last seen' }),
  state: t({ id: 'admin.laptops.column.state', defaultMessage: 'State' }),
});

function NewLaptop({ classes, onCreated }: { classes: readonly CachedClass[]; onCreated: (d: ResponseOf<'createDevice'>) => void }) {
  const create = useCreateDevice();
  return (
    <LaptopForm
      label={t({ id: 'admin.laptops.register', defaultMessage: 'Register a laptop' })}
      classes={classes}
      submitText={t({ id: 'admin.laptops.registerButton', defaultMessage: 'Register laptop' })}
      pending={create.isPending}
      error={create.error}
      onSubmit={(body) => create.mutate({ body }, { onSuccess: onCreated })}
    />
  );
}

/** An admin changes a paired laptop's name or classes where it is listed; it follows at its next sync. */
function EditLaptop({ device, classes, onDone }: { device: Device; classes: readonly CachedClass[]; onDone: (saved: Device | null) => void }) {
  const update = useUpdateDevice();
  return (
    <LaptopForm
      label={t({ id: 'admin.laptops.edit', defaultMessage: 'Edit {name}' }, { name: device.name })}
      classes={classes}
      initial={{ name: device.name, classIds: device.classIds }}
      submitText={t({ id: 'admin.laptops.save', defaultMessage: 'Save laptop' })}
      pending={update.isPending}
      error={update.error}
      onSubmit={(body) => update.mutate({ params: { id: device.id }, body }, { onSuccess: onDone })}
      onCancel={() => onDone(null)}
    >
      <p className="hint">
        {t({
          id: 'admin.laptops.editHint',
          defaultMessage:
            'A laptop that is on gets its new classes, with their students’ faces, at once; one that is off, when it next connects. No need to pair it again.',
        })}
      </p>
    </LaptopForm>
  );
}

function LaptopRow({
  device,
  classes,
  canEdit,
  onSaved,
}: {
  device: Device;
  classes: readonly CachedClass[];
  canEdit: boolean;
  onSaved: (name: string) => void;
}) {
  const revoke = useRevokeDevice();
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const seen = device.lastSeenAt ? formatWhen(device.lastSeenAt) : t({ id: 'admin.laptops.neverSeen', defaultMessage: 'never' });
  const h = headings();
  // The stacked (narrow) table shows each cell's heading before it, from data-label.
  return (
    <>
      <tr>
        <td data-label={h.laptop}>{device.name}</td>
        <td data-label={h.classes}>{classNames(classes, device.classIds)}</td>
        <td data-label={h.registeredBy}>{device.createdBy?.name ?? t({ id: 'admin.laptops.removedAccount', defaultMessage: 'Removed account' })}</td>
        <td data-label={h.lastSeen}>{seen}</td>
        <td data-label={h.state}>
          {device.revoked ? (
            <span className="pill bad">{t({ id: 'admin.laptops.revoked', defaultMessage: 'Revoked' })}</span>
          ) : confirming ? (
            <Confirm
              label={t({ id: 'admin.laptops.confirmLabel', defaultMessage: 'Confirm revoking {name}' }, { name: device.name })}
              confirmText={t({ id: 'admin.laptops.revokeNow', defaultMessage: 'Revoke now' })}
              cancelText={t({ id: 'admin.laptops.keep', defaultMessage: 'Keep' })}
              onConfirm={() => revoke.mutate({ params: { id: device.id } })}
              onCancel={() => setConfirming(false)}
              disabled={revoke.isPending}
              error={revoke.error}
            >
              <p className="hint">
                {t({ id: 'admin.laptops.revokeHint', defaultMessage: 'It stops working at its next request; its unsent marks stay on it.' })}
              </p>
            </Confirm>
          ) : (
            <div className="row">
              {canEdit && (
                <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
                  {t({ id: 'admin.laptops.edit', defaultMessage: 'Edit {name}' }, { name: device.name })}
                </button>
              )}
              <button type="button" onClick={() => setConfirming(true)}>
                {t({ id: 'admin.laptops.revoke', defaultMessage: 'Revoke {name}' }, { name: device.name })}
              </button>
            </div>
          )}
        </td>
      </tr>
      {editing && !device.revoked && (
        <tr>
          <td colSpan={5}>
            <EditLaptop
              device={device}
              classes={classes}
              onDone={(saved) => {
                setEditing(false);
                if (saved) onSaved(saved.name);
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/** `canEdit`: an admin may change a laptop's name and classes; a teacher registers and revokes only. */
export function LaptopsPage({ canEdit = false }: { canEdit?: boolean }) {
  const devices = useDevices();
  const classes = useCachedClasses() ?? [];
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [created, setCreated] = useState<ResponseOf<'createDevice'> | null>(null);
  const active = devices.data?.items.filter((d) => !d.revoked) ?? [];
  const revoked = devices.data?.items.filter((d) => d.revoked) ?? [];
  const h = headings();
  return (
    <section aria-labelledby="laptops-title">
      <div className="page-head">
        <h2 id="laptops-title">{t({ id: 'admin.laptops.title', defaultMessage: 'Classroom laptops' })}</h2>
        <button type="button" className="primary" onClick={() => (setAdding(true), setCreated(null), setSaved(null))} disabled={adding}>
          {t({ id: 'admin.laptops.register', defaultMessage: 'Register a laptop' })}
        </button>
      </div>
      <p className="hint">
        {t({
          id: 'admin.laptops.intro',
          defaultMessage:
            'A registered laptop takes attendance for its classes without anyone signing in on it. One a teacher registered serves only the classes they still teach, and stops when their account is disabled or removed.',
        })}
      </p>
      {adding && <NewLaptop classes={classes} onCreated={(d) => (setAdding(false), setCreated(d))} />}
      {created && <PairingCard created={created} onClose={() => setCreated(null)} />}
      {saved && (
        <p role="status">
          {t({ id: 'admin.laptops.saved', defaultMessage: '{name} saved: it takes attendance for its classes as they are now.' }, { name: saved })}
        </p>
      )}
      {devices.error ? (
        <Alert>{errorText(devices.error)}</Alert>
      ) : !devices.data ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : devices.data.items.length === 0 ? (
        <div className="empty">
          <p>{t({ id: 'admin.laptops.empty', defaultMessage: 'No laptops registered yet.' })}</p>
        </div>
      ) : (
        <table className="list stack" aria-label={t({ id: 'admin.laptops.table', defaultMessage: 'Laptops' })}>
          <thead>
            <tr>
              <th>{h.laptop}</th>
              <th>{h.classes}</th>
              <th>{h.registeredBy}</th>
              <th>{h.lastSeen}</th>
              <th>{h.state}</th>
            </tr>
          </thead>
          <tbody>
            {[...active, ...revoked].map((d) => (
              <LaptopRow key={d.id} device={d} classes={classes} canEdit={canEdit} onSaved={setSaved} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
