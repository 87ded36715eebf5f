package kernel

import (
	"strconv"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Path syscalls. There is no file system yet: after the path is read
// (EFAULT, ENAMETOOLONG) every lookup is ENOENT, except the one link
// programs read at start-up, /proc/self/exe.

// sysOpen is open(2): no file exists, ENOENT.
func sysOpen(t *Task) (int64, abi.Errno) {
	a := t.args()
	return 0, t.lookupNothing(a[0])
}

// sysOpenat is openat(2): ENOENT, as sysOpen.
func sysOpenat(t *Task) (int64, abi.Errno) {
	a := t.args()
	return 0, t.lookupNothing(a[1])
}

// sysAccess is access(2): a mode with bits beyond R_OK|W_OK|X_OK is
// EINVAL, then the lookup fails with ENOENT.
func sysAccess(t *Task) (int64, abi.Errno) {
	a := t.args()
	if a[1]&^(abi.R_OK|abi.W_OK|abi.X_OK) != 0 {
		return 0, abi.EINVAL
	}
	return 0, t.lookupNothing(a[0])
}

// sysFaccessat is faccessat(2), which has no flags argument.
func sysFaccessat(t *Task) (int64, abi.Errno) {
	a := t.args()
	if a[2]&^(abi.R_OK|abi.W_OK|abi.X_OK) != 0 {
		return 0, abi.EINVAL
	}
	return 0, t.lookupNothing(a[1])
}

// sysFaccessat2 is faccessat2(2): flags other than AT_EACCESS,
// AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH are EINVAL.
func sysFaccessat2(t *Task) (int64, abi.Errno) {
	a := t.args()
	const flags = abi.AT_EACCESS | abi.AT_SYMLINK_NOFOLLOW |
		abi.AT_EMPTY_PATH
	if a[2]&^(abi.R_OK|abi.W_OK|abi.X_OK) != 0 || a[3]&^flags != 0 {
		return 0, abi.EINVAL
	}
	return 0, t.lookupNothing(a[1])
}

// lookupNothing reads a path and fails the lookup: EFAULT or
// ENAMETOOLONG from the read, else ENOENT.
func (t *Task) lookupNothing(addr uint64) abi.Errno {
	if _, e := t.copyInPath(addr); e != 0 {
		return e
	}
	return abi.ENOENT
}

// sysReadlink is readlink(2).
func sysReadlink(t *Task) (int64, abi.Errno) {
	a := t.args()
	return t.readlink(a[0], a[1], a[2])
}

// sysReadlinkat is readlinkat(2); dirfd only matters for relative paths,
// which all fail.
func sysReadlinkat(t *Task) (int64, abi.Errno) {
	a := t.args()
	return t.readlink(a[1], a[2], a[3])
}

// readlink is do_readlinkat: a buffer size <= 0 is EINVAL, checked
// first; the link is /proc/self/exe (or /proc/<own pid>/exe), anything
// else ENOENT. The target is truncated to the buffer, not NUL
// terminated, and its length returned.
func (t *Task) readlink(path, buf, size uint64) (int64, abi.Errno) {
	if int32(size) <= 0 {
		return 0, abi.EINVAL
	}
	p, e := t.copyInPath(path)
	if e != 0 {
		return 0, e
	}

	self := "/proc/" + strconv.Itoa(t.PID) + "/exe"
	if p != "/proc/self/exe" && p != self || t.ExecPath == "" {
		return 0, abi.ENOENT
	}

	target := []byte(t.ExecPath)
	target = target[:min(len(target), int(int32(size)))]
	if e := t.copyOut(buf, target); e != 0 {
		return 0, e
	}
	return int64(len(target)), 0
}

// sysGetcwd is getcwd(2): every task's working directory is the root,
// the only directory there is. The path and its NUL go to buf; a size
// too small for them is ERANGE, an unwritable buffer EFAULT. Returns the
// length written, NUL included, as the system call does (glibc's
// wrapper returns the pointer).
func sysGetcwd(t *Task) (int64, abi.Errno) {
	a := t.args()
	const cwd = "/\x00"
	if a[1] < uint64(len(cwd)) {
		return 0, abi.ERANGE
	}
	return int64(len(cwd)), t.copyOut(a[0], []byte(cwd))
}
