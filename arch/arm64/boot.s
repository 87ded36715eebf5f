//go:build tamago && arm64

// cpuinit: the first instructions of the image (tamago's rt0 branches
// here). Drops to EL1 from EL3 or EL2, enables FP/SIMD, builds the boot
// translation tables, turns the MMU and caches on, installs the vectors
// and the initial stack, then starts the Go runtime. No Go code may run
// before the MMU is on: with it off all memory is Device memory, where
// unaligned accesses and DC ZVA fault on real cores.

#include "go_asm.h"
#include "textflag.h"

// System registers the Go assembler does not name (Arm ARM D19).
#define MSR_SCR_EL3_R0		WORD $0xd51e1100
#define MSR_CPTR_EL3_ZR		WORD $0xd51e115f
#define MSR_ELR_EL3_R1		WORD $0xd51e4021
#define MSR_SPSR_EL3_R0		WORD $0xd51e4000
#define MSR_SCTLR_EL2_R0	WORD $0xd51c1000
#define MSR_HCR_EL2_R0		WORD $0xd51c1100
#define MSR_CPTR_EL2_R0		WORD $0xd51c1140
#define MSR_HSTR_EL2_ZR		WORD $0xd51c117f
#define MSR_VTTBR_EL2_ZR	WORD $0xd51c211f
#define MSR_CNTHCTL_EL2_R0	WORD $0xd51ce100
#define MSR_CNTVOFF_EL2_ZR	WORD $0xd51ce07f
#define MSR_VPIDR_EL2_R0	WORD $0xd51c0000
#define MSR_VMPIDR_EL2_R1	WORD $0xd51c00a1
#define MSR_ELR_EL2_R1		WORD $0xd51c4021
#define MSR_SPSR_EL2_R0		WORD $0xd51c4000
#define IC_IALLU		WORD $0xd508751f

// DSB and ISB options.
#define ISH $0xb
#define SY $0xf

// cpuinit, entered with the MMU off at EL3, EL2 or EL1.
TEXT cpuinit(SB),NOSPLIT|NOFRAME,$0
	MSR	$0xf, DAIFSet

	MRS	CurrentEL, R0
	LSR	$2, R0, R0
	AND	$3, R0, R0
	CMP	$3, R0
	BEQ	el3
	CMP	$2, R0
	BEQ	el2
	B	·el1Entry(SB)

el3:
	// EL3 keeps nothing: no FP trap, lower levels non-secure AArch64;
	// enter EL2 when it exists, EL1 otherwise.
	MSR_CPTR_EL3_ZR
	MOVD	$const_sctlrMMUOff, R0
	MSR	R0, SCTLR_EL1
	MOVD	$const_sctlrEL2MMUOff, R0
	MRS	ID_AA64PFR0_EL1, R2
	UBFX	$8, R2, $4, R2
	CBZ	R2, noEL2
	MSR_SCTLR_EL2_R0
	MOVD	$(const_scrEL3|const_scrHCE), R0
	MSR_SCR_EL3_R0
	MOVD	$const_spsrEL2h, R0
	MSR_SPSR_EL3_R0
	MOVD	$·el2Entry(SB), R1
	MSR_ELR_EL3_R1
	ERET

noEL2:
	MOVD	$const_scrEL3, R0
	MSR_SCR_EL3_R0
	MOVD	$const_spsrEL1h, R0
	MSR_SPSR_EL3_R0
	MOVD	$·el1Entry(SB), R1
	MSR_ELR_EL3_R1
	ERET

el2:
	B	·el2Entry(SB)

// el2Entry configures EL2 to stay out of the way (AArch64 EL1, no traps,
// counters and timers to EL1, identity CPU IDs) and enters EL1.
TEXT ·el2Entry(SB),NOSPLIT|NOFRAME,$0
	MOVD	$const_hcrEL2RW, R0
	MSR_HCR_EL2_R0
	MOVD	$const_cptrEL2, R0
	MSR_CPTR_EL2_R0
	MSR_HSTR_EL2_ZR
	MSR_VTTBR_EL2_ZR
	MOVD	$const_cnthctlEL1PC, R0
	MSR_CNTHCTL_EL2_R0
	MSR_CNTVOFF_EL2_ZR
	MRS	MIDR_EL1, R0
	MSR_VPIDR_EL2_R0
	MRS	MPIDR_EL1, R1
	MSR_VMPIDR_EL2_R1
	MOVD	$const_sctlrMMUOff, R0
	MSR	R0, SCTLR_EL1

	MOVD	$const_spsrEL1h, R0
	MSR_SPSR_EL2_R0
	MOVD	$·el1Entry(SB), R1
	MSR_ELR_EL2_R1
	ERET

// el1Entry runs at EL1 with the MMU off and every exception masked.
TEXT ·el1Entry(SB),NOSPLIT|NOFRAME,$0
	MOVD	$const_sctlrMMUOff, R0
	MSR	R0, SCTLR_EL1
	ISB	SY

	// Go uses the V registers from its first instructions on.
	MOVD	$const_cpacrFPEN, R0
	MSR	R0, CPACR_EL1
	ISB	SY

	MRS	CNTFRQ_EL0, R0
	MOVD	R0, ·cntfrq(SB)

	BL	·buildBootTables(SB)

	// MMU: attributes, ranges, tables; stale TLB and I-cache entries of
	// whoever ran before go.
	MOVD	$const_mairEL1, R0
	MSR	R0, MAIR_EL1
	MRS	ID_AA64MMFR0_EL1, R1
	AND	$0xf, R1, R1
	CMP	$5, R1
	BLS	ipsok
	MOVD	$5, R1		// 52-bit PAs need LPA: 48 bits is enough
ipsok:
	MOVD	$const_tcrEL1, R0
	ORR	R1<<const_tcrIPSShift, R0, R0
	MSR	R0, TCR_EL1
	MOVD	$·bootTables(SB), R0
	ADD	$(const_PageSize-1), R0, R0
	AND	$~(const_PageSize-1), R0, R0
	MSR	R0, TTBR0_EL1
	TLBI	VMALLE1
	IC_IALLU
	DSB	SY
	ISB	SY

	MOVD	$const_sctlrMMUOn, R0
	MSR	R0, SCTLR_EL1
	ISB	SY

	MOVD	$·vectors(SB), R0
	MSR	R0, VBAR_EL1
	MOVD	$const_cntkctlEL0VCTEN, R0
	MSR	R0, CNTKCTL_EL1
	// No timer interrupt left armed by a boot loader: nothing routes
	// interrupts yet, and EL0 runs with them unmasked.
	MSR	ZR, CNTP_CTL_EL0
	MSR	ZR, CNTV_CTL_EL0
	MSR	ZR, TPIDRRO_EL0
	MSR	ZR, TPIDR_EL0
	ISB	SY

	// Initial stack at RamStart + RamSize - RamStackOffset.
	MOVD	runtime∕goos·RamStart(SB), R1
	MOVD	runtime∕goos·RamSize(SB), R2
	MOVD	runtime∕goos·RamStackOffset(SB), R3
	ADD	R2, R1, R1
	SUB	R3, R1, R1
	MOVD	R1, RSP

	B	_rt0_tamago_start(SB)

// func bootTableAddr() uint64
//
// The page-aligned level 1 table inside bootTables (cpuinit computes the
// same address inline: it has no stack yet).
TEXT ·bootTableAddr(SB),NOSPLIT|NOFRAME,$0-8
	MOVD	$·bootTables(SB), R0
	ADD	$(const_PageSize-1), R0, R0
	AND	$~(const_PageSize-1), R0, R0
	MOVD	R0, ret+0(FP)
	RET

// buildBootTables writes the boot tables (cpu.go) with the MMU off, then
// invalidates their cache lines: with the MMU on, the walker reads them
// through the caches, which may hold older data. Aligned 8-byte stores
// only. Clobbers R0-R7.
TEXT ·buildBootTables(SB),NOSPLIT|NOFRAME,$0
	MOVD	$·bootTables(SB), R0
	ADD	$(const_PageSize-1), R0, R0
	AND	$~(const_PageSize-1), R0, R0	// R0: level 1
	ADD	$const_PageSize, R0, R1		// R1: level 2 of GiB 0

	// Level 1: slot 0 the level 2 table, slot 1 the RAM block.
	ORR	$const_bootTableDesc, R1, R2
	MOVD	R2, (R0)
	MOVD	$const_bootRAMBlock, R2
	MOVD	R2, 8(R0)
	ADD	$16, R0, R3
	ADD	$const_PageSize, R0, R4
l1zero:
	MOVD.P	ZR, 8(R3)
	CMP	R4, R3
	BLO	l1zero

	// Level 2: slot 0 invalid, slots 1..511 device blocks.
	MOVD	ZR, (R1)
	MOVD	$const_bootDevBlock, R2
	MOVD	$1, R5
l2fill:
	ORR	R5<<21, R2, R6
	MOVD	R6, (R1)(R5<<3)
	ADD	$1, R5
	CMP	$512, R5
	BLO	l2fill

	// Invalidate both pages by data cache line (CTR_EL0.DminLine).
	MRS	CTR_EL0, R7
	UBFX	$16, R7, $4, R7
	MOVD	$4, R6
	LSL	R7, R6, R6		// line size in bytes
	MOVD	R0, R3
	ADD	$(2*const_PageSize), R0, R4
inval:
	DC	IVAC, R3
	ADD	R6, R3, R3
	CMP	R4, R3
	BLO	inval
	DSB	SY
	RET
