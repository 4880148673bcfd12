// Solves a proof-of-work challenge off the page's thread: finds a nonce whose SHA-256, after the
// challenge and a colon, starts with the challenge's number of zero bits. See proof.js.
'use strict';
self.onmessage = function (event) {
  var challenge = event.data.challenge;
  var bits = Number(challenge.split('.')[4]);
  var encoder = new TextEncoder();
  function zeros(bytes) {
    var n = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) n += 8;
      else return n + Math.clz32(bytes[i]) - 24;
    }
    return n;
  }
  var nonce = 0;
  function batch() {
    var tries = [];
    for (var i = 0; i < 256; i++) tries.push(crypto.subtle.digest('SHA-256', encoder.encode(challenge + ':' + (nonce + i))));
    Promise.all(tries).then(function (digests) {
      for (var i = 0; i < digests.length; i++) {
        if (zeros(new Uint8Array(digests[i])) >= bits) {
          self.postMessage({ proof: challenge + ':' + (nonce + i) });
          return;
        }
      }
      nonce += 256;
      batch();
    });
  }
  batch();
};
