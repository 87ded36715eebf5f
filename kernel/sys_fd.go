package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// Descriptor-table syscalls (fs/file.c, fs/fcntl.c).

// nofile is the task's RLIMIT_NOFILE soft limit as a descriptor bound.
func (t *Task) nofile() int {
	return int(min(t.limits.get(abi.RLIMIT_NOFILE).cur, abi.NR_OPEN))
}

// sysClose is close(2): EBADF if fd is not open.
func sysClose(t *Task) (int64, abi.Errno) {
	a := t.args()
	return 0, t.files.close(int(int32(a[0])))
}

// sysDup is dup(2): the lowest free descriptor, EMFILE past
// RLIMIT_NOFILE.
func sysDup(t *Task) (int64, abi.Errno) {
	a := t.args()
	f, e := t.files.get(int(int32(a[0])))
	if e != 0 {
		return 0, e
	}
	fd, e := t.files.alloc(f, 0, t.nofile(), false)
	return int64(fd), e
}

// sysDup2 is dup2(2): dup3 without flags, except that oldfd == newfd
// returns newfd if it is open (EBADF if not).
func sysDup2(t *Task) (int64, abi.Errno) {
	a := t.args()
	if uint32(a[0]) == uint32(a[1]) {
		_, e := t.files.get(int(int32(a[0])))
		return int64(uint32(a[1])), e
	}
	return t.dup3(a[0], a[1], 0)
}

// sysDup3 is dup3(2).
func sysDup3(t *Task) (int64, abi.Errno) {
	a := t.args()
	return t.dup3(a[0], a[1], a[2])
}

// dup3 is ksys_dup3: flags other than O_CLOEXEC → EINVAL; oldfd ==
// newfd → EINVAL; newfd at or past RLIMIT_NOFILE → EBADF; oldfd not open
// → EBADF. Whatever was open on newfd is closed.
func (t *Task) dup3(oldfd, newfd, flags uint64) (int64, abi.Errno) {
	o, n := uint32(oldfd), uint32(newfd)
	switch {
	case uint32(flags)&^abi.O_CLOEXEC != 0, o == n:
		return 0, abi.EINVAL
	case uint64(n) >= uint64(t.nofile()):
		return 0, abi.EBADF
	}

	f, e := t.files.get(int(o))
	if e != 0 {
		return 0, e
	}
	t.files.install(int(n), f, flags&abi.O_CLOEXEC != 0)
	return int64(n), 0
}

// settableFlags are the status flags F_SETFL changes on the console;
// others are ignored, as Linux ignores the ones a file cannot take.
const settableFlags = abi.O_APPEND | abi.O_NONBLOCK

// sysFcntl is fcntl(2) for descriptor flags, status flags and
// duplication; other commands are EINVAL.
func sysFcntl(t *Task) (int64, abi.Errno) {
	a := t.args()
	fd, cmd, arg := int(int32(a[0])), uint32(a[1]), a[2]
	ent := t.files.entry(fd)
	if ent == nil {
		return 0, abi.EBADF
	}

	switch cmd {
	case abi.F_DUPFD, abi.F_DUPFD_CLOEXEC:
		if arg >= uint64(t.nofile()) {
			return 0, abi.EINVAL
		}
		n, e := t.files.alloc(ent.f, int(arg), t.nofile(),
			cmd == abi.F_DUPFD_CLOEXEC)
		return int64(n), e

	case abi.F_GETFD:
		if ent.cloexec {
			return abi.FD_CLOEXEC, 0
		}
		return 0, 0
	case abi.F_SETFD:
		ent.cloexec = arg&abi.FD_CLOEXEC != 0
		return 0, 0

	case abi.F_GETFL:
		return int64(ent.f.flags), 0
	case abi.F_SETFL:
		ent.f.flags = ent.f.flags&^settableFlags |
			uint32(arg)&settableFlags
		return 0, 0
	}
	return 0, abi.EINVAL
}
