// The plain-http port beside a TLS server: every request is sent to the same path over https, on
// an address the server itself knows (PUBLIC_URL, or a name its certificate covers), never on
// whatever the Host header says: a redirect built from Host lets anyone who can set it (a hostile
// page's DNS rebinding, a cache in between) send a laptop somewhere else.
import type { RequestListener } from 'node:http';
import { X509Certificate } from 'node:crypto';
import { hostnameOf } from './insecure.ts';

export interface RedirectOptions {
  /** The https address laptops open; when set, every redirect goes there. */
  publicUrl: string | null;
  /** The port the https server listens on (used only without PUBLIC_URL). */
  httpsPort: number;
  /** Whether the server's certificate covers this host name or IP address (lower case, IPv6 without brackets). */
  names: (hostname: string) => boolean;
}

/** The names a PEM certificate covers, as `RedirectOptions.names` wants them. */
export function certificateNames(pem: string | Buffer): (hostname: string) => boolean {
  const cert = new X509Certificate(pem);
  return (name) => (/^[\d.]+$|:/.test(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name) !== undefined);
}

export function redirectToHttps(opts: RedirectOptions): RequestListener {
  return (req, res) => {
    // An absolute-form target (GET http://elsewhere/ HTTP/1.1) is no path of ours.
    const target = req.url?.startsWith('/') ? req.url : '/';
    const origin = opts.publicUrl ?? knownOrigin(hostnameOf(req.headers.host), opts);
    if (origin) {
      res.writeHead(308, { location: `${origin}${target}` }).end();
      return;
    }
    res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('This server does not answer to that name over http: open Rollcall at its https address.\n');
  };
}

function knownOrigin(hostname: string, opts: RedirectOptions): string | null {
  if (!hostname || !opts.names(hostname.replace(/^\[(.*)\]$/, '$1'))) return null;
  return `https://${hostname}${opts.httpsPort === 443 ? '' : `:${opts.httpsPort}`}`;
}
