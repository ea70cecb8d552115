// The Take attendance page's one learner (learn-sightings.ts): the recognition loop teaches from
// clear marks and the review queue from a teacher's confirmations through it, so both count
// against the same cap, with what was sent but not yet synced back, and share refusals. It lives
// as long as the page: opening the page again retries a student it stopped posting for.
import { useState } from 'react';
import { api } from '../api/client.ts';
import { services } from '../core/services.ts';
import { deviceId } from '../local/device-state.ts';
import { sightingLearner, type SightingLearner } from '../matcher/learn-sightings.ts';

export function useLearner(): SightingLearner {
  const [learner] = useState(() =>
    sightingLearner({
      db: services.db,
      modelId: services.gallery.modelId,
      deviceId: deviceId(),
      // The API takes a learned face only on the mark it came from: send the outbox's marks first.
      post: async (studentId, body) => {
        await services.sender.flush();
        return api.addLearnedEmbeddings({ params: { studentId }, body });
      },
      log: (message) => console.info(message),
    }),
  );
  return learner;
}
