package abi

// getrandom(2) flags (include/uapi/linux/random.h).
const (
	GRND_NONBLOCK = 1
	GRND_RANDOM   = 2
	GRND_INSECURE = 4
)

// prctl(2) options ringside answers (include/uapi/linux/prctl.h).
const (
	PR_SET_NAME = 15
	PR_GET_NAME = 16

	// TASK_COMM_LEN is the size of a task's comm, NUL included.
	TASK_COMM_LEN = 16

	// PR_RSEQ_SLICE_EXTENSION (Linux 7.0) gets or sets rseq time slice
	// extension for the calling task: arg2 is GET or SET, arg3 for SET
	// is 0 or PR_RSEQ_SLICE_EXT_ENABLE.
	PR_RSEQ_SLICE_EXTENSION     = 79
	PR_RSEQ_SLICE_EXTENSION_GET = 1
	PR_RSEQ_SLICE_EXTENSION_SET = 2
	PR_RSEQ_SLICE_EXT_ENABLE    = 1
)

// arch_prctl(2) codes (arch/x86/include/uapi/asm/prctl.h).
const (
	ARCH_SET_GS = 0x1001
	ARCH_SET_FS = 0x1002
	ARCH_GET_FS = 0x1003
	ARCH_GET_GS = 0x1004
)

// futex(2) operations (include/uapi/linux/futex.h).
const (
	FUTEX_WAIT           = 0
	FUTEX_WAKE           = 1
	FUTEX_WAIT_BITSET    = 9
	FUTEX_WAKE_BITSET    = 10
	FUTEX_PRIVATE_FLAG   = 128
	FUTEX_CLOCK_REALTIME = 256

	RobustListHeadSize     = 24 // sizeof(struct robust_list_head)
	FUTEX_BITSET_MATCH_ANY = 0xffffffff
)

// mmap(2), mremap(2) and madvise(2) values shared by both architectures
// (include/uapi/asm-generic/mman-common.h, linux/mman.h).
const (
	MAP_SHARED    = 0x01
	MAP_PRIVATE   = 0x02
	MAP_FIXED     = 0x10
	MAP_ANONYMOUS = 0x20

	MREMAP_MAYMOVE   = 1
	MREMAP_FIXED     = 2
	MREMAP_DONTUNMAP = 4

	MADV_NORMAL     = 0
	MADV_RANDOM     = 1
	MADV_SEQUENTIAL = 2
	MADV_WILLNEED   = 3
	MADV_DONTNEED   = 4
	MADV_FREE       = 8
)

// UtsnameSize is sizeof(struct new_utsname): six fields of 65 bytes.
const (
	UtsFieldLen = 65
	UtsnameSize = 6 * UtsFieldLen
)
