//go:build tamago && arm64

package arm64

import _ "unsafe"

// The kernel runs at EL1 with the MMU on. cpuinit (boot.s) gets there
// from EL3 (QEMU virt,secure=on; an i.MX8MP without firmware), EL2
// (U-Boot, QEMU virtualization=on) or EL1 (plain QEMU virt), builds the
// boot translation tables and enables FP/SIMD, the MMU and the caches
// before any Go code runs. Exceptions from EL0 arrive through the
// vectors of entry.s; this CPU layer provides the runtime/goos hooks
// that belong to the CPU (cpuinit, Hwinit0, Nanotime, InitRNG,
// GetRandomData, RamStackOffset) and leaves RamStart, RamSize, Printk,
// Hwinit1 and Exit to the board.

// SCTLR_EL1 bits (Arm ARM D19.2.118). The value with the MMU on mirrors
// Linux's INIT_SCTLR_EL1_MMU_ON where it matters to user programs:
// EL0 may read CTR_EL0 (UCT), zero cache lines (DZE) and clean them
// (UCI), as glibc's memset and cache-line probes expect; stack
// alignment is checked at EL0 and EL1 (SA0, SA); EL0 WFI/WFE execute.
const (
	sctlrM    = 1 << 0
	sctlrC    = 1 << 2
	sctlrSA   = 1 << 3
	sctlrSA0  = 1 << 4
	sctlrI    = 1 << 12
	sctlrDZE  = 1 << 14
	sctlrUCT  = 1 << 15
	sctlrNTWI = 1 << 16
	sctlrNTWE = 1 << 18
	sctlrUCI  = 1 << 26
	// sctlrRES1 are the bits ARMv8.0 defines as RES1 (EOS, EIS,
	// SPAN, TSCXT, nTLSMD, LSMAOE): no PAN on exception entry.
	sctlrRES1 = 1<<29 | 1<<28 | 1<<23 | 1<<22 | 1<<20 | 1<<11

	sctlrMMUOff = sctlrRES1
	sctlrMMUOn  = sctlrRES1 | sctlrM | sctlrC | sctlrSA | sctlrSA0 |
		sctlrI | sctlrDZE | sctlrUCT | sctlrNTWI | sctlrNTWE | sctlrUCI
)

// SCTLR_EL2 with the MMU off and only its RES1 bits (D19.2.119).
const sctlrEL2MMUOff = 1<<29 | 1<<28 | 1<<23 | 1<<22 | 1<<18 | 1<<16 |
	1<<11 | 1<<5 | 1<<4

// Lower exception levels' controls, for the drop from EL3 and EL2.
const (
	// scrEL3: EL1 and EL2 non-secure (NS), AArch64 (RW), RES1 bits 5:4.
	scrEL3 = 1<<10 | 1<<5 | 1<<4 | 1<<0
	// scrHCE enables HVC, set when EL2 exists.
	scrHCE = 1 << 8
	// hcrEL2RW: EL1 is AArch64; nothing else trapped or virtualised.
	hcrEL2RW = 1 << 31
	// cnthctlEL1PC: EL1 may use the physical counter and timer.
	cnthctlEL1PC = 1<<1 | 1<<0
	// cptrEL2: no FP/SIMD trap (TFP clear), RES1 bits 13:12 and 9:0.
	cptrEL2 = 0x33ff
	// spsrEL1h and spsrEL2h: the target mode with D, A, I, F masked.
	spsrEL1h = 0x3c5
	spsrEL2h = 0x3c9
	// cpacrFPEN: FP/SIMD at EL1 and EL0 without traps.
	cpacrFPEN = 3 << 20
	// cntkctlEL0VCTEN: EL0 reads CNTVCT_EL0, as on Linux.
	cntkctlEL0VCTEN = 1 << 1
)

// MAIR_EL1 (D19.2.97): Device-nGnRnE and Normal write-back memory at
// the indexes of pagetable.go.
const mairEL1 = 0x00<<(8*attrDevice) | 0xff<<(8*attrNormal)

// TCR_EL1 (D19.2.139): a 39-bit TTBR0 range (T0SZ 25, walks start at
// level 1) of 4 KiB granules, walks cacheable write-back and inner
// shareable; TTBR1 walks disabled (EPD1); the top byte of EL0 addresses
// ignored (TBI0), as on Linux; 8-bit ASIDs in TTBR0. IPS is filled in
// from ID_AA64MMFR0_EL1.PARange at boot.
const (
	tcrT0SZ  = 64 - VABits
	tcrIRGN0 = 1 << 8
	tcrORGN0 = 1 << 10
	tcrSH0   = 3 << 12
	tcrT1SZ  = (64 - VABits) << 16
	tcrEPD1  = 1 << 23
	tcrTG1   = 2 << 30 // 4 KiB, for form's sake: EPD1 is set
	tcrTBI0  = 1 << 37
	tcrEL1   = tcrT0SZ | tcrIRGN0 | tcrORGN0 | tcrSH0 | tcrT1SZ | tcrEPD1 |
		tcrTG1 | tcrTBI0
	tcrIPSShift = 32
)

// Boot translation tables, built by cpuinit in bootTables: a level 1
// table whose entry 0 points to a level 2 table of Device-nGnRnE 2 MiB
// blocks for [2 MiB, 1 GiB) (peripherals on every board ringside knows;
// [0, 2 MiB) stays unmapped so that a nil dereference in the kernel
// faults) and whose entry 1 is a 1 GiB block of normal memory at
// 0x40000000 (kernel RAM and the user frame pool). Everything else is
// unmapped. The entries are global (nG clear), EL1-only (AP 00) and
// never executable at EL0 (UXN); devices are never executable (PXN).
const (
	bootPages     = 2
	bootRAMBase   = 0x40000000
	bootRAMBlock  = bootRAMBase | descBlock | attrNormal<<2 | descSHInner | descAF | descUXN
	bootDevBlock  = descBlock | attrDevice<<2 | descAF | descPXN | descUXN
	bootTableDesc = descTable
)

// bootTables holds the boot tables, page aligned inside it (the linker
// aligns data to at most 32 bytes). cpuinit writes every entry, so it
// needs no zeroing.
var bootTables [(bootPages + 1) * PageSize]byte

// cntfrq is CNTFRQ_EL0, read by cpuinit: Nanotime runs before Hwinit1.
var cntfrq uint64

// defined in boot.s
func cpuinit()

// BootTable returns the physical address of the boot level 1 table (the
// kernel's TTBR0_EL1 when no task runs); the level 2 table of the first
// GiB follows it.
func BootTable() uint64 {
	return bootTableAddr()
}

// defined in boot.s
func bootTableAddr() uint64

// ramStackOffset is the gap between the initial stack and the end of RAM.
//
//go:linkname ramStackOffset runtime/goos.RamStackOffset
var ramStackOffset uint = 0x100

// hwinit0 is runtime/goos.Hwinit0. cpuinit has done the work that must
// precede Go code (FP, MMU, vectors), so nothing is left to do before
// the scheduler exists.
//
//go:linkname hwinit0 runtime/goos.Hwinit0
//go:nosplit
func hwinit0() {}
