// Package abi holds the Linux user ABI that ringside matches: errno values,
// signal numbers, the portable syscall identifiers that each architecture's
// numbering maps to, auxiliary vector tags and flag values. It is a leaf:
// every other package may import it, it imports nothing of ringside.
package abi

// Errno is a Linux error number (include/uapi/asm-generic/errno-base.h and
// errno.h). A syscall that fails returns its negation in the return
// register.
type Errno uintptr

// Linux errno values (same on amd64 and arm64).
const (
	EPERM        Errno = 1
	ENOENT       Errno = 2
	ESRCH        Errno = 3
	EINTR        Errno = 4
	EIO          Errno = 5
	ENXIO        Errno = 6
	E2BIG        Errno = 7
	ENOEXEC      Errno = 8
	EBADF        Errno = 9
	ECHILD       Errno = 10
	EAGAIN       Errno = 11
	ENOMEM       Errno = 12
	EACCES       Errno = 13
	EFAULT       Errno = 14
	EBUSY        Errno = 16
	EEXIST       Errno = 17
	ENODEV       Errno = 19
	ENOTDIR      Errno = 20
	EISDIR       Errno = 21
	EINVAL       Errno = 22
	ENFILE       Errno = 23
	EMFILE       Errno = 24
	ENOTTY       Errno = 25
	EFBIG        Errno = 27
	ENOSPC       Errno = 28
	ESPIPE       Errno = 29
	EROFS        Errno = 30
	EPIPE        Errno = 32
	EDOM         Errno = 33
	ERANGE       Errno = 34
	ENAMETOOLONG Errno = 36
	ENOSYS       Errno = 38
	ENOTSUP      Errno = 95
	ETIMEDOUT    Errno = 110

	// Kernel-internal restart codes (include/linux/errno.h); never seen
	// by user mode, the signal code rewrites them.
	ERESTARTSYS           Errno = 512
	ERESTARTNOINTR        Errno = 513
	ERESTARTNOHAND        Errno = 514
	ERESTART_RESTARTBLOCK Errno = 516
)

var errnoNames = map[Errno]string{
	EPERM: "EPERM", ENOENT: "ENOENT", ESRCH: "ESRCH", EINTR: "EINTR",
	EIO: "EIO", EBADF: "EBADF", EAGAIN: "EAGAIN", ENOMEM: "ENOMEM",
	EACCES: "EACCES", EFAULT: "EFAULT", EBUSY: "EBUSY", EEXIST: "EEXIST",
	EINVAL: "EINVAL", ENOTTY: "ENOTTY", ESPIPE: "ESPIPE", ERANGE: "ERANGE",
	ENOSYS: "ENOSYS", ENOTDIR: "ENOTDIR", EISDIR: "EISDIR",
	ENAMETOOLONG: "ENAMETOOLONG", ETIMEDOUT: "ETIMEDOUT",
}

// Error returns the errno's symbolic Linux name.
func (e Errno) Error() string {
	if s, ok := errnoNames[e]; ok {
		return s
	}
	return "errno " + itoa(uint64(e))
}

// Ret is the value the syscall return register holds for this error.
func (e Errno) Ret() int64 { return -int64(e) }

func itoa(v uint64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			return string(b[i:])
		}
	}
}
