// In-page timing probes for stage-join, installed with page.addInitScript. Plain browser JavaScript
// (the bench's TypeScript is compiled without DOM types); every time is the page's own performance.now().
/* global window, document, location, MutationObserver, MediaStream, RTCPeerConnection */

/**
 * Remembers the page's peer connections (a subclass, so feature detection still sees the real
 * one), for the speaker's encoder counters: keyframes encoded and keyframe requests (PLI) received.
 */
window.benchPeerConnections = [];
window.RTCPeerConnection = class extends RTCPeerConnection {
  constructor(...args) {
    super(...args);
    window.benchPeerConnections.push(this);
    // When ICE and DTLS (connectionState "connected") came up, for the join's milestones.
    const events = [];
    this.benchEvents = events;
    this.addEventListener('iceconnectionstatechange', () => events.push([`ice:${this.iceConnectionState}`, performance.now()]));
    this.addEventListener('connectionstatechange', () => events.push([`pc:${this.connectionState}`, performance.now()]));
  }
};

window.benchEncoderCounters = async function benchEncoderCounters() {
  const counters = { keyFramesEncoded: 0, pliCount: 0, firCount: 0, framesEncoded: 0 };
  for (const pc of window.benchPeerConnections) {
    if (pc.connectionState === 'closed') continue;
    (await pc.getStats()).forEach((report) => {
      if (report.type !== 'outbound-rtp' || report.kind !== 'video') return;
      for (const key of Object.keys(counters)) counters[key] += report[key] ?? 0;
    });
  }
  return counters;
};

/** Resolves with the time of the first frame a new <video> element presents, measured from `t0`. */
function firstFrameOfNextVideo(t0, timeoutMs) {
  const existing = new Set(document.querySelectorAll('video'));
  const watched = new Set();
  return new Promise((resolve) => {
    let observer = null;
    const finish = (result) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(result);
    };
    const watch = (video) => {
      if (existing.has(video) || watched.has(video)) return;
      watched.add(video);
      const videoMs = performance.now() - t0;
      // requestVideoFrameCallback fires when a decoded frame is handed to the compositor.
      video.requestVideoFrameCallback(() => finish({ ms: performance.now() - t0, videoMs, width: video.videoWidth }));
    };
    observer = new MutationObserver(() => document.querySelectorAll('video').forEach(watch));
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => finish({ ms: null, error: `no video frame within ${timeoutMs} ms` }), timeoutMs);
  });
}

/** Goes to an address of the app (hash route) without reloading it. */
window.benchNavigate = function benchNavigate(href) {
  location.hash = href;
};

/**
 * Clicks the session's "Watch" link (any link to the session's address when the label changed;
 * the address itself when there is no link) and times the first frame of the stage video.
 */
window.benchJoin = function benchJoin(sessionHref, timeoutMs) {
  const links = [...document.querySelectorAll('a')].filter((a) => a.getAttribute('href') === sessionHref);
  const link = links.find((a) => /watch/i.test(a.textContent)) ?? links[0];
  const t0 = performance.now();
  const frame = firstFrameOfNextVideo(t0, timeoutMs);
  if (link) link.click();
  else location.hash = sessionHref;
  const known = window.benchPeerConnections.length;
  return frame.then(async (result) => {
    // The peer connections this join opened: when each one's ICE and DTLS came up, ms after the click.
    const connections = window.benchPeerConnections.slice(known).map((pc) => Object.fromEntries(pc.benchEvents.map(([name, at]) => [name, at - t0])));
    // The app's own answer (its receive transport's selected candidate pair).
    const { protocol } = await window.rounds.client.receiveStats();
    return { ...result, connections, protocol, clickedAt: performance.timeOrigin + t0, via: link ? `link "${link.textContent.trim()}"` : 'address' };
  });
};

/**
 * The baseline: two RTCPeerConnections in this page, the fake camera and microphone on one; from
 * the start of negotiation to the first frame the other presents.
 */
window.benchPeerPair = async function benchPeerPair(timeoutMs) {
  window.benchStream ??= await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: true });
  const stream = window.benchStream;
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  sender.onicecandidate = ({ candidate }) => candidate && receiver.addIceCandidate(candidate);
  receiver.onicecandidate = ({ candidate }) => candidate && sender.addIceCandidate(candidate);
  const t0 = performance.now();
  const frame = firstFrameOfNextVideo(t0, timeoutMs);
  receiver.ontrack = ({ track }) => {
    if (track.kind !== 'video') return;
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.srcObject = new MediaStream([track]);
    document.body.append(video);
  };
  for (const track of stream.getTracks()) sender.addTrack(track, stream);
  await sender.setLocalDescription(await sender.createOffer());
  await receiver.setRemoteDescription(sender.localDescription);
  await receiver.setLocalDescription(await receiver.createAnswer());
  await sender.setRemoteDescription(receiver.localDescription);
  const result = await frame;
  sender.close();
  receiver.close();
  document.querySelectorAll('video').forEach((video) => video.remove());
  return result;
};
