// Macros of the EL0 entry and exit, shared by entry.s and the two FP/SIMD
// designs (fp_eager.s, fp_lazy.s). Include after go_asm.h.

// Offsets in Context of the register file (at 0) and the FP/SIMD state.
#define X(n) (Context_Regs+Regs_X+8*(n))
#define SPEL0 (Context_Regs+Regs_SP)
#define PC (Context_Regs+Regs_PC)
#define PSTATE (Context_Regs+Regs_Pstate)
#define NSH $0x7
#define ISHST $0xa
#define SY $0xf

// WORK_CHECK branches to label when the task of the context in R3 has a
// work bit of the fast path's mask set. Clobbers R5, R6.
#define WORK_CHECK(label) \
	MOVD	(Context_fast+FastPath_Work)(R3), R5; \
	MOVWU	(R5), R5; \
	MOVWU	(Context_fast+FastPath_Mask)(R3), R6; \
	TST	R6, R5; \
	BNE	label

// FP_SAVE stores V0-V31, FPSR and FPCR into the context in ctx. Clobbers
// tmp and tmp2. FP/SIMD must be enabled at EL1.
#define FP_SAVE(ctx, tmp, tmp2) \
	ADD	$Context_FPSIMD, ctx, tmp \
	VST1.P	[V0.D2, V1.D2, V2.D2, V3.D2], 64(tmp) \
	VST1.P	[V4.D2, V5.D2, V6.D2, V7.D2], 64(tmp) \
	VST1.P	[V8.D2, V9.D2, V10.D2, V11.D2], 64(tmp) \
	VST1.P	[V12.D2, V13.D2, V14.D2, V15.D2], 64(tmp) \
	VST1.P	[V16.D2, V17.D2, V18.D2, V19.D2], 64(tmp) \
	VST1.P	[V20.D2, V21.D2, V22.D2, V23.D2], 64(tmp) \
	VST1.P	[V24.D2, V25.D2, V26.D2, V27.D2], 64(tmp) \
	VST1.P	[V28.D2, V29.D2, V30.D2, V31.D2], 64(tmp) \
	MRS	FPSR, tmp2 \
	MOVW	tmp2, (tmp) \
	MRS	FPCR, tmp2 \
	MOVW	tmp2, 4(tmp)

// FP_LOAD loads V0-V31, FPSR and FPCR from the context in ctx. Clobbers
// tmp and tmp2. FP/SIMD must be enabled at EL1.
#define FP_LOAD(ctx, tmp, tmp2) \
	ADD	$Context_FPSIMD, ctx, tmp \
	VLD1.P	64(tmp), [V0.D2, V1.D2, V2.D2, V3.D2] \
	VLD1.P	64(tmp), [V4.D2, V5.D2, V6.D2, V7.D2] \
	VLD1.P	64(tmp), [V8.D2, V9.D2, V10.D2, V11.D2] \
	VLD1.P	64(tmp), [V12.D2, V13.D2, V14.D2, V15.D2] \
	VLD1.P	64(tmp), [V16.D2, V17.D2, V18.D2, V19.D2] \
	VLD1.P	64(tmp), [V20.D2, V21.D2, V22.D2, V23.D2] \
	VLD1.P	64(tmp), [V24.D2, V25.D2, V26.D2, V27.D2] \
	VLD1.P	64(tmp), [V28.D2, V29.D2, V30.D2, V31.D2] \
	MOVWU	(tmp), tmp2 \
	MSR	tmp2, FPSR \
	MOVWU	4(tmp), tmp2 \
	MSR	tmp2, FPCR

// SAVE_USER, at the start of userTrap (x0 and x1 already in the context
// at RSP = SP_EL1, the kind in R0), stores x2-x30, SP_EL0, ELR_EL1,
// SPSR_EL1 and TPIDR_EL0 into the context and the kind, ESR_EL1 and
// FAR_EL1 into trapKind, trapESR and trapFAR. Clobbers R1, R2.
#define SAVE_USER \
	STP	(R2, R3), X(2)(RSP) \
	STP	(R4, R5), X(4)(RSP) \
	STP	(R6, R7), X(6)(RSP) \
	STP	(R8, R9), X(8)(RSP) \
	STP	(R10, R11), X(10)(RSP) \
	STP	(R12, R13), X(12)(RSP) \
	STP	(R14, R15), X(14)(RSP) \
	STP	(R16, R17), X(16)(RSP) \
	STP	(R18_PLATFORM, R19), X(18)(RSP) \
	STP	(R20, R21), X(20)(RSP) \
	STP	(R22, R23), X(22)(RSP) \
	STP	(R24, R25), X(24)(RSP) \
	STP	(R26, R27), X(26)(RSP) \
	STP	(g, R29), X(28)(RSP) \
	MRS	SP_EL0, R1 \
	STP	(R30, R1), X(30)(RSP) \
	MRS	ELR_EL1, R1 \
	MRS	SPSR_EL1, R2 \
	STP	(R1, R2), PC(RSP) \
	MRS	TPIDR_EL0, R1 \
	MOVD	R1, Context_TPIDR(RSP) \
	MOVD	R0, ·trapKind(SB) \
	MRS	ESR_EL1, R1 \
	MOVD	R1, ·trapESR(SB) \
	MRS	FAR_EL1, R1 \
	MOVD	R1, ·trapFAR(SB)

// TO_KERNEL ends userTrap: it takes back the kernel's RSP, frame
// pointer, g and LR, then returns from userEnter with the kind in R0,
// or, for a synchronous exception, branches to syscallFast. It defines
// the label tokernel_out: once per TEXT.
#define TO_KERNEL \
	MOVD	·kernelSP(SB), R1 \
	MOVD	R1, RSP \
	MOVD	·kernelFP(SB), R29 \
	MOVD	·kernelG(SB), g \
	MOVD	·kernelLR(SB), R30 \
	CBNZ	R0, tokernel_out \
	B	·syscallFast(SB) \
tokernel_out: \
	MOVD	R0, 16(RSP) \
	RET

// TO_USER loads TPIDR_EL0, SP_EL0, ELR_EL1, SPSR_EL1 and x0-x30 from the
// context in R0 and ERETs to EL0; the FP/SIMD state is the design's
// (userResume). Table updates of the kernel are made visible to the
// walker first (DSB); no straight-line speculation past the ERET.
#define TO_USER \
	MOVD	Context_TPIDR(R0), R2 \
	MSR	R2, TPIDR_EL0 \
	MOVD	PC(R0), R2 \
	MSR	R2, ELR_EL1 \
	MOVD	PSTATE(R0), R2 \
	MSR	R2, SPSR_EL1 \
	MOVD	SPEL0(R0), R2 \
	MSR	R2, SP_EL0 \
	DSB	ISHST \
	MOVD	R0, RSP \
	LDP	X(2)(RSP), (R2, R3) \
	LDP	X(4)(RSP), (R4, R5) \
	LDP	X(6)(RSP), (R6, R7) \
	LDP	X(8)(RSP), (R8, R9) \
	LDP	X(10)(RSP), (R10, R11) \
	LDP	X(12)(RSP), (R12, R13) \
	LDP	X(14)(RSP), (R14, R15) \
	LDP	X(16)(RSP), (R16, R17) \
	LDP	X(18)(RSP), (R18_PLATFORM, R19) \
	LDP	X(20)(RSP), (R20, R21) \
	LDP	X(22)(RSP), (R22, R23) \
	LDP	X(24)(RSP), (R24, R25) \
	LDP	X(26)(RSP), (R26, R27) \
	LDP	X(28)(RSP), (g, R29) \
	MOVD	X(30)(RSP), R30 \
	LDP	X(0)(RSP), (R0, R1) \
	ERET \
	DSB	NSH \
	ISB	SY

// KERNEL_TRAP_RETURN ends a handler of the kernel's synchronous-exception
// vector that parked R0 in TPIDR_EL1 and R1 in SP_EL0 (neither is used
// while the kernel runs): it adds one to the uint64 at counter, takes
// both registers back and ERETs.
#define KERNEL_TRAP_RETURN(counter) \
	MOVD	$counter(SB), R0 \
	MOVD	(R0), R1 \
	ADD	$1, R1, R1 \
	MOVD	R1, (R0) \
	MRS	SP_EL0, R1 \
	MRS	TPIDR_EL1, R0 \
	ERET
