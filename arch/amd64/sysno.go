package amd64

import "github.com/ringside-kernel/ringside/kernel/abi"

// sysnos maps x86-64 syscall numbers (arch/x86/entry/syscalls/
// syscall_64.tbl, the "common" and "64" rows) to portable identifiers;
// numbers ringside has no identifier for stay SysInvalid.
var sysnos = [...]abi.Sys{
	0:   abi.SysRead,
	1:   abi.SysWrite,
	2:   abi.SysOpen,
	3:   abi.SysClose,
	4:   abi.SysStat,
	5:   abi.SysFstat,
	6:   abi.SysLstat,
	7:   abi.SysPoll,
	8:   abi.SysLseek,
	9:   abi.SysMmap,
	10:  abi.SysMprotect,
	11:  abi.SysMunmap,
	12:  abi.SysBrk,
	13:  abi.SysRtSigaction,
	14:  abi.SysRtSigprocmask,
	15:  abi.SysRtSigreturn,
	16:  abi.SysIoctl,
	17:  abi.SysPread64,
	18:  abi.SysPwrite64,
	19:  abi.SysReadv,
	20:  abi.SysWritev,
	21:  abi.SysAccess,
	24:  abi.SysSchedYield,
	25:  abi.SysMremap,
	28:  abi.SysMadvise,
	32:  abi.SysDup,
	33:  abi.SysDup2,
	34:  abi.SysPause,
	35:  abi.SysNanosleep,
	36:  abi.SysGetitimer,
	37:  abi.SysAlarm,
	38:  abi.SysSetitimer,
	39:  abi.SysGetpid,
	60:  abi.SysExit,
	62:  abi.SysKill,
	63:  abi.SysUname,
	72:  abi.SysFcntl,
	79:  abi.SysGetcwd,
	89:  abi.SysReadlink,
	96:  abi.SysGettimeofday,
	97:  abi.SysGetrlimit,
	99:  abi.SysSysinfo,
	101: abi.SysPtrace,
	102: abi.SysGetuid,
	104: abi.SysGetgid,
	107: abi.SysGeteuid,
	108: abi.SysGetegid,
	110: abi.SysGetppid,
	115: abi.SysGetgroups,
	127: abi.SysRtSigpending,
	128: abi.SysRtSigtimedwait,
	129: abi.SysRtSigqueueinfo,
	130: abi.SysRtSigsuspend,
	131: abi.SysSigaltstack,
	157: abi.SysPrctl,
	158: abi.SysArchPrctl,
	186: abi.SysGettid,
	200: abi.SysTkill,
	201: abi.SysTime,
	202: abi.SysFutex,
	204: abi.SysSchedGetaffinity,
	218: abi.SysSetTidAddress,
	228: abi.SysClockGettime,
	229: abi.SysClockGetres,
	230: abi.SysClockNanosleep,
	231: abi.SysExitGroup,
	234: abi.SysTgkill,
	257: abi.SysOpenat,
	262: abi.SysNewfstatat,
	267: abi.SysReadlinkat,
	269: abi.SysFaccessat,
	271: abi.SysPpoll,
	273: abi.SysSetRobustList,
	292: abi.SysDup3,
	297: abi.SysRtTgsigqueueinfo,
	302: abi.SysPrlimit64,
	309: abi.SysGetcpu,
	318: abi.SysGetrandom,
	332: abi.SysStatx,
	334: abi.SysRseq,
	439: abi.SysFaccessat2,
	471: abi.SysRseqSliceYield,
}

// Syscalls is the number table of x86-64, for the kernel's dispatcher
// (indexed directly on the hot path) and for Sys and Nr.
var Syscalls = abi.SysTable(sysnos[:])

// Sys maps a x86-64 syscall number to its portable identifier, or
// SysInvalid.
func Sys(nr int) abi.Sys { return Syscalls.Sys(nr) }

// Nr is the inverse of Sys: the x86-64 number of s, or -1.
func Nr(s abi.Sys) int { return Syscalls.Nr(s) }
