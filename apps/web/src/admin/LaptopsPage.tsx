// Classroom laptops: register a laptop for some classes (its pairing code is shown once), see
// when each was last heard from, and revoke one that is lost or replaced. Teachers see and manage
// the laptops of their own classes; the API enforces the same.
import { useState, type FormEvent } from 'react';
import type { Device, ResponseOf } from '@rollcall/contracts';
import { useCreateDevice, useDevices, useRevokeDevice } from '../data/admin.ts';
import { useCachedClasses } from '../data/local.ts';
import type { CachedClass } from '../local/db.ts';
import { errorText } from '../ui/messages.ts';
import { ClassChecks, classNames } from './ClassChecks.tsx';
import { PairingCard } from './PairingCard.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';
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
  const [name, setName] = useState('');
  const [classIds, setClassIds] = useState<string[]>(classes.length === 1 ? [classes[0]!.id] : []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ body: { name, classIds } }, { onSuccess: onCreated });
  };
  return (
    <form className="card" onSubmit={submit} aria-label={t({ id: 'admin.laptops.register', defaultMessage: 'Register a laptop' })}>
      <label>
        {t({ id: 'admin.laptops.name', defaultMessage: 'Laptop name' })}
        <input
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t({ id: 'admin.laptops.namePlaceholder', defaultMessage: 'Room 12 laptop' })}
          autoFocus
        />
      </label>
      <ClassChecks
        legend={t({ id: 'admin.laptops.classes', defaultMessage: 'Classes it takes attendance for' })}
        classes={classes}
        value={classIds}
        onChange={setClassIds}
      />
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending || classIds.length === 0}>
          {t({ id: 'admin.laptops.registerButton', defaultMessage: 'Register laptop' })}
        </button>
        {classIds.length === 0 && <span className="hint">{t({ id: 'admin.laptops.chooseClass', defaultMessage: 'Choose at least one class.' })}</span>}
      </div>
      <ErrorAlert error={create.error} />
    </form>
  );
}

function LaptopRow({ device, classes }: { device: Device; classes: readonly CachedClass[] }) {
  const revoke = useRevokeDevice();
  const [confirming, setConfirming] = useState(false);
  const seen = device.lastSeenAt ? formatWhen(device.lastSeenAt) : t({ id: 'admin.laptops.neverSeen', defaultMessage: 'never' });
  const h = headings();
  // The stacked (narrow) table shows each cell's heading before it, from data-label.
  return (
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
          <button type="button" onClick={() => setConfirming(true)}>
            {t({ id: 'admin.laptops.revoke', defaultMessage: 'Revoke {name}' }, { name: device.name })}
          </button>
        )}
      </td>
    </tr>
  );
}

export function LaptopsPage() {
  const devices = useDevices();
  const classes = useCachedClasses() ?? [];
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<ResponseOf<'createDevice'> | null>(null);
  const active = devices.data?.items.filter((d) => !d.revoked) ?? [];
  const revoked = devices.data?.items.filter((d) => d.revoked) ?? [];
  const h = headings();
  return (
    <section aria-labelledby="laptops-title">
      <div className="page-head">
        <h2 id="laptops-title">{t({ id: 'admin.laptops.title', defaultMessage: 'Classroom laptops' })}</h2>
        <button type="button" className="primary" onClick={() => (setAdding(true), setCreated(null))} disabled={adding}>
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
              <LaptopRow key={d.id} device={d} classes={classes} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
