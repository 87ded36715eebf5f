package abi

// clone(2) flags (include/uapi/linux/sched.h) and wait4(2) options
// (include/uapi/linux/wait.h) ringside knows.
const (
	CSIGNAL              = 0x000000ff // the exit signal, in the low byte
	CLONE_VM             = 0x00000100
	CLONE_FS             = 0x00000200
	CLONE_FILES          = 0x00000400
	CLONE_SIGHAND        = 0x00000800
	CLONE_VFORK          = 0x00004000
	CLONE_THREAD         = 0x00010000
	CLONE_SETTLS         = 0x00080000
	CLONE_PARENT_SETTID  = 0x00100000
	CLONE_CHILD_CLEARTID = 0x00200000
	CLONE_CHILD_SETTID   = 0x01000000

	WNOHANG = 0x00000001

	// CLD_EXITED and CLD_KILLED are SIGCHLD's si_code for a child
	// that exited or was killed by a signal.
	CLD_EXITED = 1
	CLD_KILLED = 2

	// RusageSize is sizeof(struct rusage) on 64-bit architectures.
	RusageSize = 144
)
