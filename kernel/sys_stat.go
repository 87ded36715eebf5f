package kernel

import (
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// The console's inode, as stat sees it: a character device node of
// devtmpfs (device 0:5) for /dev/console (5:1), root:tty, mode 0620, and
// the tty's 1 KiB block size that stdio sizes its buffer from.
const (
	consoleMajor, consoleMinor = 5, 1
	devtmpfsMajor, devtmpfsMin = 0, 5
	consoleIno                 = 3
	ttyGID                     = 5
	consoleBlksize             = 1024
)

// consoleStat returns the console's stat; its times are the boot time.
func (t *Task) consoleStat() *abi.Stat {
	c := t.k.clock()
	boot := c.Now().Add(-c.Monotonic())
	ts := abi.Timespec{Sec: boot.Unix(), Nsec: int64(boot.Nanosecond())}

	return &abi.Stat{
		Dev:       abi.Makedev(devtmpfsMajor, devtmpfsMin),
		Ino:       consoleIno,
		Nlink:     1,
		Mode:      abi.S_IFCHR | 0o620,
		GID:       ttyGID,
		Rdev:      abi.Makedev(consoleMajor, consoleMinor),
		Blksize:   consoleBlksize,
		Atime:     ts,
		Mtime:     ts,
		Ctime:     ts,
		RdevMajor: consoleMajor,
		RdevMinor: consoleMinor,
		DevMajor:  devtmpfsMajor,
		DevMinor:  devtmpfsMin,
	}
}

// fdStat is vfs_fstat: EBADF, else the console's stat.
func (t *Task) fdStat(fd uint64) (*abi.Stat, abi.Errno) {
	if _, e := t.files.get(int(int32(fd))); e != 0 {
		return nil, e
	}
	return t.consoleStat(), 0
}

// sysFstat is fstat(2) in the architecture's struct stat.
func sysFstat(t *Task) (int64, abi.Errno) {
	a := t.args()
	st, e := t.fdStat(a[0])
	if e != 0 {
		return 0, e
	}
	return 0, t.copyOut(a[1], t.layout().encodeStat(st))
}

// sysStat serves stat(2) and lstat(2): no path exists, ENOENT after the
// path is read.
func sysStat(t *Task) (int64, abi.Errno) {
	a := t.args()
	return 0, t.lookupNothing(a[0])
}

// statAt is vfs_statx's lookup for newfstatat and statx: with
// AT_EMPTY_PATH an empty (or, as since Linux 6.11, NULL) path means
// dirfd itself; any other path fails (EFAULT, ENAMETOOLONG, ENOENT).
// AT_FDCWD with an empty path would be the working directory, which does
// not exist yet: ENOENT.
func (t *Task) statAt(dirfd, path, flags uint64) (*abi.Stat, abi.Errno) {
	empty := flags&abi.AT_EMPTY_PATH != 0
	if !(empty && path == 0) {
		p, e := t.copyInPath(path)
		if e != 0 {
			return nil, e
		}
		if p != "" || !empty {
			return nil, abi.ENOENT
		}
	}

	if int32(dirfd) == abi.AT_FDCWD {
		return nil, abi.ENOENT
	}
	return t.fdStat(dirfd)
}

// sysNewfstatat is newfstatat(2): flags beyond AT_SYMLINK_NOFOLLOW,
// AT_NO_AUTOMOUNT and AT_EMPTY_PATH are EINVAL.
func sysNewfstatat(t *Task) (int64, abi.Errno) {
	a := t.args()
	const known = abi.AT_SYMLINK_NOFOLLOW | abi.AT_NO_AUTOMOUNT |
		abi.AT_EMPTY_PATH
	if a[3]&^known != 0 {
		return 0, abi.EINVAL
	}
	st, e := t.statAt(a[0], a[1], a[3])
	if e != 0 {
		return 0, e
	}
	return 0, t.copyOut(a[2], t.layout().encodeStat(st))
}

// sysStatx is statx(2): unknown flags, both sync modes at once, or the
// reserved mask bit are EINVAL. The result always carries the basic
// stats, whatever the mask asked for.
func sysStatx(t *Task) (int64, abi.Errno) {
	a := t.args()
	dirfd, path, flags, mask, buf := a[0], a[1], a[2], a[3], a[4]
	const known = abi.AT_SYMLINK_NOFOLLOW | abi.AT_NO_AUTOMOUNT |
		abi.AT_EMPTY_PATH | abi.AT_STATX_SYNC_TYPE
	switch {
	case flags&^known != 0,
		flags&abi.AT_STATX_SYNC_TYPE == abi.AT_STATX_SYNC_TYPE,
		mask&abi.STATX__RESERVED != 0:
		return 0, abi.EINVAL
	}

	st, e := t.statAt(dirfd, path, flags)
	if e != 0 {
		return 0, e
	}
	return 0, t.copyOut(buf, st.EncodeStatx(abi.STATX_BASIC_STATS))
}
