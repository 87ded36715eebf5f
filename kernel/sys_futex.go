package kernel

import (
	"time"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// sysFutex is futex(2) for one-thread tasks without shared memory: no
// other thread can wait on or wake a futex word of the task, so FUTEX_WAKE
// wakes nobody and FUTEX_WAIT with the expected value sleeps until its
// timeout (ETIMEDOUT) or a signal (EINTR). The requeue and PI operations
// are ENOSYS, and so is FUTEX_CLOCK_REALTIME on an operation other than
// FUTEX_WAIT_BITSET.
//
// Order, as in Linux: the timeout is read (EFAULT) and checked (EINVAL);
// then the clock flag; then a zero bitset or a misaligned word is
// EINVAL; the word unreadable EFAULT; a value other than val EAGAIN.
func sysFutex(t *Task) (int64, abi.Errno) {
	a := t.args()
	uaddr, op, val, utime, val3 := a[0], a[1], uint32(a[2]), a[3], a[5]
	cmd := uint64(uint32(op) &^
		(abi.FUTEX_PRIVATE_FLAG | abi.FUTEX_CLOCK_REALTIME))
	realtime := op&abi.FUTEX_CLOCK_REALTIME != 0

	wait := cmd == abi.FUTEX_WAIT || cmd == abi.FUTEX_WAIT_BITSET
	timeout := time.Duration(-1)
	if wait && utime != 0 {
		d, e := t.getTimespec(utime)
		if e != 0 {
			return 0, e
		}
		timeout = t.futexTimeout(cmd, d, realtime)
	}

	if realtime && cmd != abi.FUTEX_WAIT_BITSET {
		return 0, abi.ENOSYS
	}
	if cmd == abi.FUTEX_WAIT || cmd == abi.FUTEX_WAKE {
		val3 = abi.FUTEX_BITSET_MATCH_ANY
	}

	switch cmd {
	case abi.FUTEX_WAKE, abi.FUTEX_WAKE_BITSET:
		if uint32(val3) == 0 || uaddr%4 != 0 {
			return 0, abi.EINVAL
		}
		return 0, 0

	case abi.FUTEX_WAIT, abi.FUTEX_WAIT_BITSET:
		if uint32(val3) == 0 || uaddr%4 != 0 {
			return 0, abi.EINVAL
		}
		cur, e := t.getU32(uaddr)
		if e != 0 {
			return 0, e
		}
		if cur != val {
			return 0, abi.EAGAIN
		}
		if _, intr := t.sleep(timeout); intr {
			return 0, abi.EINTR
		}
		return 0, abi.ETIMEDOUT
	}
	return 0, abi.ENOSYS
}

// futexTimeout turns a futex timeout into a relative duration:
// FUTEX_WAIT's is relative already, FUTEX_WAIT_BITSET's is a deadline on
// CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME.
func (t *Task) futexTimeout(cmd uint64, d time.Duration,
	realtime bool) time.Duration {
	if cmd == abi.FUTEX_WAIT {
		return d
	}
	c := t.k.clock()
	now := c.Monotonic()
	if realtime {
		now = time.Duration(c.Now().UnixNano())
	}
	return max(d-now, 0)
}
