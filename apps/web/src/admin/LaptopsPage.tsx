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

function NewLaptop({ classes, onCreated }: { classes: readonly CachedClass[]; onCreated: (d: ResponseOf<'createDevice'>) => void }) {
  const create = useCreateDevice();
  const [name, setName] = useState('');
  const [classIds, setClassIds] = useState<string[]>(classes.length === 1 ? [classes[0]!.id] : []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ body: { name, classIds } }, { onSuccess: onCreated });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Register a laptop">
      <label>
        Laptop name
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="Room 12 laptop" autoFocus />
      </label>
      <ClassChecks legend="Classes it takes attendance for" classes={classes} value={classIds} onChange={setClassIds} />
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending || classIds.length === 0}>
          Register laptop
        </button>
        {classIds.length === 0 && <span className="hint">Choose at least one class.</span>}
      </div>
      <ErrorAlert error={create.error} />
    </form>
  );
}

function LaptopRow({ device, classes }: { device: Device; classes: readonly CachedClass[] }) {
  const revoke = useRevokeDevice();
  const [confirming, setConfirming] = useState(false);
  const seen = device.lastSeenAt ? new Date(device.lastSeenAt).toLocaleString() : 'never';
  return (
    <tr>
      <td data-label="Laptop">{device.name}</td>
      <td data-label="Classes">{classNames(classes, device.classIds)}</td>
      <td data-label="Registered by">{device.createdBy?.name ?? 'Removed account'}</td>
      <td data-label="Last seen">{seen}</td>
      <td data-label="State">
        {device.revoked ? (
          <span className="pill bad">Revoked</span>
        ) : confirming ? (
          <Confirm
            label={`Confirm revoking ${device.name}`}
            confirmText="Revoke now"
            cancelText="Keep"
            onConfirm={() => revoke.mutate({ params: { id: device.id } })}
            onCancel={() => setConfirming(false)}
            disabled={revoke.isPending}
            error={revoke.error}
          >
            <p className="hint">It stops working at its next request; its unsent marks stay on it.</p>
          </Confirm>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Revoke {device.name}
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
  return (
    <section aria-labelledby="laptops-title">
      <div className="page-head">
        <h2 id="laptops-title">Classroom laptops</h2>
        <button type="button" className="primary" onClick={() => (setAdding(true), setCreated(null))} disabled={adding}>
          Register a laptop
        </button>
      </div>
      <p className="hint">
        A registered laptop takes attendance for its classes without anyone signing in on it. One a teacher registered serves only the classes they still teach,
        and stops when their account is disabled or removed.
      </p>
      {adding && <NewLaptop classes={classes} onCreated={(d) => (setAdding(false), setCreated(d))} />}
      {created && <PairingCard created={created} onClose={() => setCreated(null)} />}
      {devices.error ? (
        <Alert>{errorText(devices.error)}</Alert>
      ) : !devices.data ? (
        <p>Loading…</p>
      ) : devices.data.items.length === 0 ? (
        <div className="empty">
          <p>No laptops registered yet.</p>
        </div>
      ) : (
        <table className="list stack" aria-label="Laptops">
          <thead>
            <tr>
              <th>Laptop</th>
              <th>Classes</th>
              <th>Registered by</th>
              <th>Last seen</th>
              <th>State</th>
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
