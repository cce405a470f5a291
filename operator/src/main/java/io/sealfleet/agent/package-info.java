/**
 * The worker agent: runs in a worker pod (or as a local process), claims the tasks bound to its
 * worker, keeps sector files in Lotus's layout, fetches inputs from other workers and runs the
 * native kernels.
 */
package io.sealfleet.agent;
