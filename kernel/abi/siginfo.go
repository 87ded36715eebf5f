package abi

// More si_code values (include/uapi/asm-generic/siginfo.h) beside the
// ones in signal.go.
const (
	SI_USER   = 0    // kill(2)
	SI_KERNEL = 0x80 // sent by the kernel, no further detail
	SI_TKILL  = -6   // tkill(2), tgkill(2)

	ILL_ILLOPND = 3
	ILL_ILLADR  = 4
	ILL_ILLTRP  = 5
	ILL_PRVOPC  = 6
	ILL_PRVREG  = 7
	ILL_COPROC  = 8
	ILL_BADSTK  = 9

	FPE_INTOVF = 2
	FPE_FLTDIV = 3
	FPE_FLTOVF = 4
	FPE_FLTUND = 5
	FPE_FLTRES = 6
	FPE_FLTINV = 7
	FPE_FLTSUB = 8
	FPE_FLTUNK = 14

	SEGV_BNDERR  = 3
	SEGV_PKUERR  = 4
	SEGV_MTESERR = 9
	SEGV_CPERR   = 10

	BUS_ADRERR = 2
	BUS_OBJERR = 3

	TRAP_TRACE  = 2
	TRAP_HWBKPT = 4
)

var sigCodeNames = map[Signal]map[int]string{
	SIGILL: {
		ILL_ILLOPC: "ILL_ILLOPC", ILL_ILLOPN: "ILL_ILLOPN",
		ILL_ILLOPND: "ILL_ILLOPND", ILL_ILLADR: "ILL_ILLADR",
		ILL_ILLTRP: "ILL_ILLTRP", ILL_PRVOPC: "ILL_PRVOPC",
		ILL_PRVREG: "ILL_PRVREG", ILL_COPROC: "ILL_COPROC",
		ILL_BADSTK: "ILL_BADSTK",
	},
	SIGFPE: {
		FPE_INTDIV: "FPE_INTDIV", FPE_INTOVF: "FPE_INTOVF",
		FPE_FLTDIV: "FPE_FLTDIV", FPE_FLTOVF: "FPE_FLTOVF",
		FPE_FLTUND: "FPE_FLTUND", FPE_FLTRES: "FPE_FLTRES",
		FPE_FLTINV: "FPE_FLTINV", FPE_FLTSUB: "FPE_FLTSUB",
		FPE_FLTUNK: "FPE_FLTUNK",
	},
	SIGSEGV: {
		SEGV_MAPERR: "SEGV_MAPERR", SEGV_ACCERR: "SEGV_ACCERR",
		SEGV_BNDERR: "SEGV_BNDERR", SEGV_PKUERR: "SEGV_PKUERR",
		SEGV_MTESERR: "SEGV_MTESERR", SEGV_CPERR: "SEGV_CPERR",
	},
	SIGBUS: {
		BUS_ADRALN: "BUS_ADRALN", BUS_ADRERR: "BUS_ADRERR",
		BUS_OBJERR: "BUS_OBJERR",
	},
	SIGTRAP: {
		TRAP_BRKPT: "TRAP_BRKPT", TRAP_TRACE: "TRAP_TRACE",
		TRAP_HWBKPT: "TRAP_HWBKPT",
	},
}

// SigCodeName returns the symbolic name of si_code for signal sig, as
// siginfo.h spells it, or the number.
func SigCodeName(sig Signal, code int) string {
	switch code {
	case SI_USER:
		return "SI_USER"
	case SI_KERNEL:
		return "SI_KERNEL"
	case SI_TKILL:
		return "SI_TKILL"
	}
	if s, ok := sigCodeNames[sig][code]; ok {
		return s
	}
	if code < 0 {
		return "-" + itoa(uint64(-code))
	}
	return itoa(uint64(code))
}
