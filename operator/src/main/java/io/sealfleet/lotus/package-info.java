/**
 * The lotus-worker bridge: speaks Lotus's worker protocol to a lotus-miner (JSON-RPC over HTTP,
 * WorkerConnect, Session heartbeats, storage index calls, Return* results) and turns each sealing
 * call into a SectorTask the fleet runs. All state it needs after a restart lives in those tasks.
 */
package io.sealfleet.lotus;
