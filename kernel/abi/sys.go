package abi

// Sys names a Linux system call independently of any architecture's
// numbering. Each arch package maps its numbers (arch/x86 syscall_64.tbl,
// asm-generic/unistd.h) to these; the kernel's dispatch table is indexed by
// Sys, so one handler serves both architectures.
type Sys uint16

// Portable syscall identifiers. SysInvalid is a number the architecture
// does not define; the kernel answers it with -ENOSYS.
const (
	SysInvalid Sys = iota
	SysRead
	SysWrite
	SysReadv
	SysWritev
	SysPread64
	SysPwrite64
	SysOpenat
	SysOpen
	SysClose
	SysLseek
	SysIoctl
	SysFstat
	SysStat
	SysLstat
	SysNewfstatat
	SysStatx
	SysReadlink
	SysReadlinkat
	SysAccess
	SysFaccessat
	SysFcntl
	SysDup
	SysDup3
	SysBrk
	SysMmap
	SysMunmap
	SysMprotect
	SysMremap
	SysMadvise
	SysArchPrctl
	SysSetTidAddress
	SysSetRobustList
	SysRseq
	SysPrlimit64
	SysGetrlimit
	SysGetrandom
	SysGetpid
	SysGettid
	SysGetppid
	SysGetuid
	SysGeteuid
	SysGetgid
	SysGetegid
	SysGetcpu
	SysUname
	SysClockGettime
	SysClockGetres
	SysGettimeofday
	SysNanosleep
	SysClockNanosleep
	SysSchedYield
	SysSchedGetaffinity
	SysRtSigaction
	SysRtSigprocmask
	SysRtSigreturn
	SysSigaltstack
	SysKill
	SysTkill
	SysTgkill
	SysExit
	SysExitGroup
	SysPoll
	SysPpoll
	SysFutex
	SysPrctl
	SysSetitimer
	SysAlarm
	SysPause
	SysPtrace
	SysDup2
	SysFaccessat2
	SysGetitimer
	SysRseqSliceYield
	SysRtSigpending
	SysRtSigsuspend
	SysRtSigtimedwait
	SysRtSigqueueinfo
	SysRtTgsigqueueinfo
	SysGetcwd
	SysTime
	SysGetgroups
	SysSysinfo
	SysClone
	SysFork
	SysWait4
	SysCount // number of identifiers; not a syscall
)
