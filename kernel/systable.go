package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// sysTable is ringside's sys_call_table, indexed by portable syscall
// identifier so that one handler serves every architecture. Identifiers
// without an entry answer -ENOSYS: ptrace (ringside's tracer is in-kernel
// only for now).
var sysTable = [abi.SysCount]sysEntry{
	abi.SysRead:     {"read", sysRead},
	abi.SysWrite:    {"write", sysWrite},
	abi.SysReadv:    {"readv", sysReadv},
	abi.SysWritev:   {"writev", sysWritev},
	abi.SysPread64:  {"pread64", sysPread64},
	abi.SysPwrite64: {"pwrite64", sysPwrite64},
	abi.SysLseek:    {"lseek", sysLseek},
	abi.SysIoctl:    {"ioctl", sysIoctl},
	abi.SysClose:    {"close", sysClose},
	abi.SysDup:      {"dup", sysDup},
	abi.SysDup2:     {"dup2", sysDup2},
	abi.SysDup3:     {"dup3", sysDup3},
	abi.SysFcntl:    {"fcntl", sysFcntl},
	abi.SysPoll:     {"poll", sysPoll},
	abi.SysPpoll:    {"ppoll", sysPpoll},

	abi.SysOpen:       {"open", sysOpen},
	abi.SysOpenat:     {"openat", sysOpenat},
	abi.SysAccess:     {"access", sysAccess},
	abi.SysFaccessat:  {"faccessat", sysFaccessat},
	abi.SysFaccessat2: {"faccessat2", sysFaccessat2},
	abi.SysReadlink:   {"readlink", sysReadlink},
	abi.SysReadlinkat: {"readlinkat", sysReadlinkat},
	abi.SysFstat:      {"fstat", sysFstat},
	abi.SysStat:       {"stat", sysStat},
	abi.SysLstat:      {"lstat", sysStat},
	abi.SysNewfstatat: {"newfstatat", sysNewfstatat},
	abi.SysStatx:      {"statx", sysStatx},

	abi.SysBrk:      {"brk", sysBrk},
	abi.SysMmap:     {"mmap", sysMmap},
	abi.SysMunmap:   {"munmap", sysMunmap},
	abi.SysMprotect: {"mprotect", sysMprotect},
	abi.SysMremap:   {"mremap", sysMremap},
	abi.SysMadvise:  {"madvise", sysMadvise},

	abi.SysArchPrctl:     {"arch_prctl", sysArchPrctl},
	abi.SysSetTidAddress: {"set_tid_address", sysSetTidAddress},
	abi.SysSetRobustList: {"set_robust_list", sysSetRobustList},
	abi.SysRseq:          {"rseq", sysRseq},
	abi.SysPrlimit64:     {"prlimit64", sysPrlimit64},
	abi.SysGetrlimit:     {"getrlimit", sysGetrlimit},
	abi.SysGetrandom:     {"getrandom", sysGetrandom},
	abi.SysGetpid:        {"getpid", sysGetpid},
	abi.SysGettid:        {"gettid", sysGettid},
	abi.SysGetppid:       {"getppid", sysGetppid},
	abi.SysGetuid:        {"getuid", sysGetuid},
	abi.SysGeteuid:       {"geteuid", sysGetuid},
	abi.SysGetgid:        {"getgid", sysGetuid},
	abi.SysGetegid:       {"getegid", sysGetuid},
	abi.SysGetcpu:        {"getcpu", sysGetcpu},
	abi.SysUname:         {"uname", sysUname},
	abi.SysPrctl:         {"prctl", sysPrctl},

	abi.SysClockGettime:     {"clock_gettime", sysClockGettime},
	abi.SysClockGetres:      {"clock_getres", sysClockGetres},
	abi.SysGettimeofday:     {"gettimeofday", sysGettimeofday},
	abi.SysNanosleep:        {"nanosleep", sysNanosleep},
	abi.SysClockNanosleep:   {"clock_nanosleep", sysClockNanosleep},
	abi.SysSchedYield:       {"sched_yield", sysSchedYield},
	abi.SysSchedGetaffinity: {"sched_getaffinity", sysSchedGetaffinity},

	abi.SysRtSigaction:   {"rt_sigaction", sysRtSigaction},
	abi.SysRtSigprocmask: {"rt_sigprocmask", sysRtSigprocmask},
	abi.SysSigaltstack:   {"sigaltstack", sysSigaltstack},
	abi.SysKill:          {"kill", sysKill},
	abi.SysTkill:         {"tkill", sysTkill},
	abi.SysTgkill:        {"tgkill", sysTgkill},
	abi.SysRtSigreturn:   {"rt_sigreturn", sysRtSigreturn},
	abi.SysPause:         {"pause", sysPause},
	abi.SysAlarm:         {"alarm", sysAlarm},
	abi.SysSetitimer:     {"setitimer", sysSetitimer},
	abi.SysGetitimer:     {"getitimer", sysGetitimer},

	abi.SysExit:      {"exit", sysExit},
	abi.SysExitGroup: {"exit_group", sysExitGroup},
	abi.SysFutex:     {"futex", sysFutex},

	abi.SysRseqSliceYield: {"rseq_slice_yield", sysRseqSliceYield},
}
