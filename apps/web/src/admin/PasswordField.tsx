// A password an admin sets for someone else: shown as typed (they read it out or write it down),
// with the API's length rule, so the browser refuses a short one before the server does.
export function PasswordField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <input type="text" autoComplete="new-password" required minLength={10} maxLength={200} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
