package kernel

import (
	"encoding/binary"
	"time"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// consoleReady is what the console always is: readable (a read returns
// end of file at once) and writable.
const consoleReady = abi.POLLIN | abi.POLLRDNORM | abi.POLLOUT |
	abi.POLLWRNORM

// sysPoll is poll(2) with a timeout in milliseconds, negative for none.
func sysPoll(t *Task) (int64, abi.Errno) {
	a := t.args()
	d := time.Duration(int32(a[2])) * time.Millisecond
	if int32(a[2]) < 0 {
		d = -1
	}
	return t.poll(a[0], a[1], d)
}

// sysPpoll is ppoll(2): the timeout is read (EFAULT) and checked
// (EINVAL), NULL meaning none; a signal mask needs sigsetsize 8 (EINVAL)
// and replaces the blocked mask while the call waits.
func sysPpoll(t *Task) (int64, abi.Errno) {
	a := t.args()
	d := time.Duration(-1)
	if a[2] != 0 {
		var e abi.Errno
		if d, e = t.getTimespec(a[2]); e != 0 {
			return 0, e
		}
	}

	if a[3] != 0 {
		if a[4] != abi.SigsetSize {
			return 0, abi.EINVAL
		}
		b := make([]byte, abi.SigsetSize)
		if e := t.copyIn(a[3], b); e != 0 {
			return 0, e
		}
		old := t.setBlocked(binary.LittleEndian.Uint64(b))
		defer t.setBlocked(old)
	}

	return t.poll(a[0], a[1], d)
}

// poll is do_sys_poll over the console: more descriptors than
// RLIMIT_NOFILE is EINVAL, an unreadable array EFAULT. A negative fd is
// skipped, a closed one reports POLLNVAL, the console reports the events
// asked for among consoleReady. With nothing ready the task sleeps for
// the timeout (d < 0: until a signal, EINTR).
func (t *Task) poll(addr, nfds uint64, d time.Duration) (int64, abi.Errno) {
	if nfds > uint64(t.nofile()) {
		return 0, abi.EINVAL
	}
	b := make([]byte, nfds*abi.PollfdSize)
	if e := t.copyIn(addr, b); e != 0 {
		return 0, e
	}

	ready := 0
	for i := range int(nfds) {
		p := b[i*abi.PollfdSize:]
		fd := int32(binary.LittleEndian.Uint32(p))
		events := binary.LittleEndian.Uint16(p[4:])

		var rev uint16
		switch {
		case fd < 0:
		case t.files.entry(int(fd)) == nil:
			rev = abi.POLLNVAL
		default:
			rev = events & consoleReady
		}
		binary.LittleEndian.PutUint16(p[6:], rev)
		if rev != 0 {
			ready++
		}
	}

	if ready == 0 && d != 0 {
		if _, intr := t.sleep(d); intr {
			return 0, abi.EINTR
		}
	}
	return int64(ready), t.copyOut(addr, b)
}
