import { startFlashdutySimulator } from '../../simulators/flashduty/index';
import { FLASHDUTY_GUIDE_STATUSES, startSdpSimulator } from '../../simulators/sdp/index';

/**
 * Both simulators in a process of their own, driven over IPC by the bench: the engine under test
 * gets one core to itself and the simulators' work never shows up in its figures.
 */
const [sdp, fd] = await Promise.all([
  startSdpSimulator({ edition: 'onprem', addStatuses: FLASHDUTY_GUIDE_STATUSES }),
  startFlashdutySimulator({ rateLimit: false }),
]);

type Command =
  | { cmd: 'createIncidents'; count: number; prefix: string }
  | { cmd: 'resetTitle'; incidentId: string; title: string }
  | { cmd: 'updateSubject'; requestId: string; subject: string }
  | { cmd: 'subscribe'; url: string; headers: Record<string, string> }
  | { cmd: 'callCounts' }
  | { cmd: 'clearCalls' }
  | { cmd: 'requestCount' }
  | { cmd: 'close' };

function run(command: Command): unknown {
  switch (command.cmd) {
    case 'createIncidents':
      return Array.from(
        { length: command.count },
        (_, i) =>
          fd.createIncident({
            title: `${command.prefix} ${i}`,
            severity: 'Critical',
            description: `Bench incident ${i}`,
          }).incident_id,
      );
    case 'resetTitle':
      fd.reset(command.incidentId, { title: command.title });
      return null;
    case 'updateSubject':
      sdp.updateRequest(command.requestId, { subject: command.subject });
      return null;
    case 'subscribe':
      return fd.subscribe({ url: command.url, headers: command.headers });
    case 'callCounts':
      return { sdp: sdp.calls().length, flashduty: fd.calls().length };
    case 'clearCalls':
      sdp.clearCalls();
      fd.clearCalls();
      return null;
    case 'requestCount':
      return sdp.listRequests().length;
    case 'close':
      void Promise.all([sdp.close(), fd.close()]).then(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: { id: number } & Command) => {
  let reply: { id: number; result?: unknown; error?: string };
  try {
    reply = { id: message.id, result: run(message) };
  } catch (error) {
    reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  process.send!(reply);
});

process.send!({
  ready: true,
  sdp: { origin: sdp.origin, apiKey: (sdp.credentials as { apiKey: string }).apiKey },
  flashduty: { baseUrl: fd.baseUrl, appKey: fd.appKey },
});
