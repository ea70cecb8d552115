// Entry of the `rollcall` command-line tool: dispatches to one command module per verb.
import { adminCommand } from './commands/admin.ts';
import { classroomCommand } from './commands/classroom.ts';
import { isFaceError } from '@rollcall/face';
import { embedCommand } from './commands/embed.ts';
import { evalCommand } from './commands/eval.ts';
import { importCommand } from './commands/import.ts';
import { livenessCommand } from './commands/liveness.ts';
import { realvidCommand } from './commands/realvid.ts';
import { varietyCommand } from './commands/variety.ts';
import { ClientError } from '@rollcall/contracts';
import { UsageError } from './paths.ts';

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  admin: adminCommand,
  classroom: classroomCommand,
  embed: embedCommand,
  eval: evalCommand,
  import: importCommand,
  liveness: livenessCommand,
  realvid: realvidCommand,
  variety: varietyCommand,
};

const USAGE = `usage: rollcall <command> [options]
  admin create --email E [--name N] [--api URL]   the first admin of a new Rollcall (password from ROLLCALL_PASSWORD or stdin)
  classroom <folder> --students N --present P --strangers S --seconds T --seed X [--photos-per-student K] [--one-sitting] [--keep-refused] [--fps F] [--no-liveness | --texture] [--json]
                                            a simulated class in front of the camera: marks, wrong marks, reviews
  embed <image...>                          JSON per image: faces, quality reasons, embedding
  eval <folder> [--enrol K] [--pad F] [--json]   accuracy on a labelled folder
  import <folder> [--api URL] [--json]      bulk enrolment from <StudentID>_<Name>/*.jpg (token in ROLLCALL_TOKEN)
  liveness [faces-dir] [--seed X] [--save FILE | --load FILE] [--json]  photo attacks vs genuine tracks: APCER/BPCER of track liveness
  realvid [dir] [--fps F] [--seconds T] [--clip NAME]... [--unsure review|flag] [--save FILE | --load FILE] [--json]
                                            real clips (people, screen replays, crowds; default ../shared/realvid) through the engine and the session: marks, reviews, APCER/BPCER
  variety <folder> [--seed X] [--per-identity N] [--json]   how alike a near-copy and another photo of one person embed`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(USAGE);
    return name === undefined || name === '--help' ? 0 : 2;
  }
  try {
    await command(rest);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof ClientError) {
      console.error(`error [${e.code}]: ${e.route ? `${e.route}: ` : ''}${e.message}`);
      return 1;
    }
    if (isFaceError(e)) {
      console.error(`error [${e.code}]: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
