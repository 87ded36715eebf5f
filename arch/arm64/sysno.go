package arm64

import "github.com/ringside-kernel/ringside/kernel/abi"

// sysnos maps arm64 syscall numbers (the generic table of
// include/uapi/asm-generic/unistd.h, with arm64's rlimit, renameat and
// new-stat choices) to portable identifiers; the legacy calls (open,
// stat, poll, dup2, ...) do not exist on arm64 and stay SysInvalid.
var sysnos = [...]abi.Sys{
	17:  abi.SysGetcwd,
	23:  abi.SysDup,
	24:  abi.SysDup3,
	25:  abi.SysFcntl,
	29:  abi.SysIoctl,
	48:  abi.SysFaccessat,
	56:  abi.SysOpenat,
	57:  abi.SysClose,
	62:  abi.SysLseek,
	63:  abi.SysRead,
	64:  abi.SysWrite,
	65:  abi.SysReadv,
	66:  abi.SysWritev,
	67:  abi.SysPread64,
	68:  abi.SysPwrite64,
	73:  abi.SysPpoll,
	78:  abi.SysReadlinkat,
	79:  abi.SysNewfstatat,
	80:  abi.SysFstat,
	93:  abi.SysExit,
	94:  abi.SysExitGroup,
	96:  abi.SysSetTidAddress,
	98:  abi.SysFutex,
	99:  abi.SysSetRobustList,
	101: abi.SysNanosleep,
	102: abi.SysGetitimer,
	103: abi.SysSetitimer,
	113: abi.SysClockGettime,
	114: abi.SysClockGetres,
	115: abi.SysClockNanosleep,
	117: abi.SysPtrace,
	123: abi.SysSchedGetaffinity,
	124: abi.SysSchedYield,
	129: abi.SysKill,
	130: abi.SysTkill,
	131: abi.SysTgkill,
	132: abi.SysSigaltstack,
	133: abi.SysRtSigsuspend,
	134: abi.SysRtSigaction,
	135: abi.SysRtSigprocmask,
	136: abi.SysRtSigpending,
	137: abi.SysRtSigtimedwait,
	138: abi.SysRtSigqueueinfo,
	139: abi.SysRtSigreturn,
	158: abi.SysGetgroups,
	160: abi.SysUname,
	163: abi.SysGetrlimit,
	167: abi.SysPrctl,
	168: abi.SysGetcpu,
	169: abi.SysGettimeofday,
	172: abi.SysGetpid,
	173: abi.SysGetppid,
	174: abi.SysGetuid,
	175: abi.SysGeteuid,
	176: abi.SysGetgid,
	177: abi.SysGetegid,
	178: abi.SysGettid,
	179: abi.SysSysinfo,
	214: abi.SysBrk,
	215: abi.SysMunmap,
	216: abi.SysMremap,
	220: abi.SysClone,
	222: abi.SysMmap,
	226: abi.SysMprotect,
	233: abi.SysMadvise,
	240: abi.SysRtTgsigqueueinfo,
	260: abi.SysWait4,
	261: abi.SysPrlimit64,
	278: abi.SysGetrandom,
	291: abi.SysStatx,
	293: abi.SysRseq,
	439: abi.SysFaccessat2,
	471: abi.SysRseqSliceYield,
}

// Syscalls is the number table of arm64, for the kernel's dispatcher
// (indexed directly on the hot path) and for Sys and Nr.
var Syscalls = abi.SysTable(sysnos[:])

// Sys maps an arm64 syscall number to its portable identifier, or
// SysInvalid.
func Sys(nr int) abi.Sys { return Syscalls.Sys(nr) }

// Nr is the inverse of Sys: the arm64 number of s, or -1.
func Nr(s abi.Sys) int { return Syscalls.Nr(s) }
