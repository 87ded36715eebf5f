package kernel

import (
	"crypto/rand"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// sysGetrandom is getrandom(2). Unknown flags, or GRND_INSECURE with
// GRND_RANDOM, are EINVAL; the count is clamped to MAX_RW_COUNT. The
// generator (crypto/rand) is always ready, so no flag changes the
// result. A fault part way returns the bytes written before it.
func sysGetrandom(t *Task) (int64, abi.Errno) {
	a := t.args()
	buf, count, flags := a[0], a[1], a[2]

	const known = abi.GRND_NONBLOCK | abi.GRND_RANDOM | abi.GRND_INSECURE
	const both = abi.GRND_INSECURE | abi.GRND_RANDOM
	if flags&^known != 0 || flags&both == both {
		return 0, abi.EINVAL
	}
	count = min(count, abi.MAX_RW_COUNT)

	var done uint64
	chunk := make([]byte, min(count, ioChunk))
	for done < count {
		b := chunk[:min(count-done, ioChunk)]
		rand.Read(b)

		n, e := t.scatter(buf+done, b)
		done += n
		if e != 0 || n < uint64(len(b)) {
			break
		}
	}

	if done == 0 && count > 0 {
		return 0, abi.EFAULT
	}
	return int64(done), 0
}
