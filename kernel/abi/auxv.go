package abi

// Auxiliary vector tags (include/uapi/linux/auxvec.h).
const (
	AT_NULL              = 0
	AT_PHDR              = 3
	AT_PHENT             = 4
	AT_PHNUM             = 5
	AT_PAGESZ            = 6
	AT_BASE              = 7
	AT_FLAGS             = 8
	AT_ENTRY             = 9
	AT_UID               = 11
	AT_EUID              = 12
	AT_GID               = 13
	AT_EGID              = 14
	AT_PLATFORM          = 15
	AT_HWCAP             = 16
	AT_CLKTCK            = 17
	AT_SECURE            = 23
	AT_RANDOM            = 25
	AT_HWCAP2            = 26
	AT_RSEQ_FEATURE_SIZE = 27
	AT_RSEQ_ALIGN        = 28
	AT_EXECFN            = 31
	AT_MINSIGSTKSZ       = 51

	AT_IGNORE        = 1  // entry to be ignored
	AT_EXECFD        = 2  // file descriptor of the program
	AT_BASE_PLATFORM = 24 // string naming the real platform
	AT_SYSINFO_EHDR  = 33 // address of the vDSO's ELF header
)

// PageSize is the user page size on both architectures.
const PageSize = 4096
