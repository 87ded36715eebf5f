package abi

// open(2) flags shared by x86_64 and arm64 (include/uapi/asm-generic/
// fcntl.h; arm64 differs only in O_DIRECTORY, O_NOFOLLOW, O_DIRECT and
// O_LARGEFILE, none of which ringside uses yet).
const (
	O_RDONLY   = 0
	O_WRONLY   = 1
	O_RDWR     = 2
	O_ACCMODE  = 3
	O_APPEND   = 0o2000
	O_NONBLOCK = 0o4000
	O_CLOEXEC  = 0o2000000
)

// fcntl(2) commands and descriptor flags.
const (
	F_DUPFD         = 0
	F_GETFD         = 1
	F_SETFD         = 2
	F_GETFL         = 3
	F_SETFL         = 4
	F_DUPFD_CLOEXEC = 1030
	FD_CLOEXEC      = 1
)

// *at(2) arguments (include/uapi/linux/fcntl.h).
const (
	AT_FDCWD            = -100
	AT_SYMLINK_NOFOLLOW = 0x100
	AT_EACCESS          = 0x200
	AT_NO_AUTOMOUNT     = 0x800
	AT_EMPTY_PATH       = 0x1000
	AT_STATX_SYNC_TYPE  = 0x6000
)

// access(2) modes.
const (
	F_OK = 0
	X_OK = 1
	W_OK = 2
	R_OK = 4
)

// lseek(2) whence; SEEK_MAX is SEEK_HOLE.
const SEEK_MAX = 4

// PATH_MAX counts the terminating NUL.
const PATH_MAX = 4096

// IOV_MAX (UIO_MAXIOV) bounds readv/writev's vector, IovecSize is
// sizeof(struct iovec).
const (
	IOV_MAX    = 1024
	IovecSize  = 16
	PollfdSize = 8
)

// MAX_RW_COUNT is the most bytes one read or write moves: INT_MAX
// rounded down to a page (include/linux/fs.h).
const MAX_RW_COUNT = 0x7ffff000

// poll(2) events (include/uapi/asm-generic/poll.h).
const (
	POLLIN     = 0x1
	POLLPRI    = 0x2
	POLLOUT    = 0x4
	POLLERR    = 0x8
	POLLHUP    = 0x10
	POLLNVAL   = 0x20
	POLLRDNORM = 0x40
	POLLWRNORM = 0x100
)
