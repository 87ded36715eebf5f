package kernel

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// rlimit is struct rlimit64.
type rlimit struct{ cur, max uint64 }

// rlimits is a task's resource limits (signal->rlim). The zero value
// holds init's defaults, made on first use.
type rlimits struct {
	ready bool
	v     [abi.RLIM_NLIMITS]rlimit
}

// Defaults, from Linux's INIT_RLIMITS: everything unlimited except an
// 8 MiB soft stack, no core files, 1024/4096 descriptors, 8 MiB of locked
// memory, the POSIX message-queue budget and no nice or real-time
// priority. NPROC and SIGPENDING, which Linux sizes from memory, are
// fixed here.
func (l *rlimits) init() {
	if l.ready {
		return
	}
	l.ready = true

	inf := abi.RLIM_INFINITY
	for i := range l.v {
		l.v[i] = rlimit{inf, inf}
	}
	l.v[abi.RLIMIT_STACK] = rlimit{8 << 20, inf}
	l.v[abi.RLIMIT_CORE] = rlimit{0, inf}
	l.v[abi.RLIMIT_NPROC] = rlimit{4096, 4096}
	l.v[abi.RLIMIT_NOFILE] = rlimit{1024, 4096}
	l.v[abi.RLIMIT_MEMLOCK] = rlimit{8 << 20, 8 << 20}
	l.v[abi.RLIMIT_SIGPENDING] = rlimit{4096, 4096}
	l.v[abi.RLIMIT_MSGQUEUE] = rlimit{819200, 819200}
	l.v[abi.RLIMIT_NICE] = rlimit{0, 0}
	l.v[abi.RLIMIT_RTPRIO] = rlimit{0, 0}
}

// get returns limit r; r must be below RLIM_NLIMITS.
func (l *rlimits) get(r int) rlimit {
	l.init()
	return l.v[r]
}

// set is do_prlimit's store: soft above hard is EINVAL, a descriptor
// hard limit above fs.nr_open EPERM. Raising a hard limit needs
// CAP_SYS_RESOURCE, which every ringside task has (it runs as root).
func (l *rlimits) set(r int, n rlimit) abi.Errno {
	l.init()
	if n.cur > n.max {
		return abi.EINVAL
	}
	if r == abi.RLIMIT_NOFILE && n.max > abi.NR_OPEN {
		return abi.EPERM
	}
	l.v[r] = n
	return 0
}

func (r rlimit) encode() []byte {
	b := make([]byte, abi.RlimitSize)
	binary.LittleEndian.PutUint64(b[0:], r.cur)
	binary.LittleEndian.PutUint64(b[8:], r.max)
	return b
}

// sysPrlimit64 is prlimit64(2). Order: resource out of range → EINVAL;
// the new limit is read (EFAULT); pid other than 0 or the caller's →
// ESRCH (changing another task's limits is not supported); the new limit
// is checked and stored; the old one written (EFAULT).
func sysPrlimit64(t *Task) (int64, abi.Errno) {
	a := t.args()
	pid, res, newp, oldp := int(int32(a[0])), a[1], a[2], a[3]
	if res >= abi.RLIM_NLIMITS {
		return 0, abi.EINVAL
	}

	var n rlimit
	if newp != 0 {
		b := make([]byte, abi.RlimitSize)
		if e := t.copyIn(newp, b); e != 0 {
			return 0, e
		}
		n = rlimit{binary.LittleEndian.Uint64(b[0:]),
			binary.LittleEndian.Uint64(b[8:])}
	}

	if pid != 0 && pid != t.PID {
		return 0, abi.ESRCH
	}

	old := t.limits.get(int(res))
	if newp != 0 {
		if e := t.limits.set(int(res), n); e != 0 {
			return 0, e
		}
	}
	if oldp != 0 {
		return 0, t.copyOut(oldp, old.encode())
	}
	return 0, 0
}

// sysGetrlimit is getrlimit(2); struct rlimit is struct rlimit64 on
// 64-bit Linux.
func sysGetrlimit(t *Task) (int64, abi.Errno) {
	a := t.args()
	if a[0] >= abi.RLIM_NLIMITS {
		return 0, abi.EINVAL
	}
	return 0, t.copyOut(a[1], t.limits.get(int(a[0])).encode())
}
