//go:build tamago && arm64

#include "textflag.h"

#define SY $0xf

// func iccSRE() uint64
TEXT ·iccSRE(SB),NOSPLIT,$0-8
	MRS	ICC_SRE_EL1, R0
	MOVD	R0, ret+0(FP)
	RET

// func setICCSRE(v uint64)
TEXT ·setICCSRE(SB),NOSPLIT,$0-8
	MOVD	v+0(FP), R0
	MSR	R0, ICC_SRE_EL1
	ISB	SY
	RET

// func setICCPMR(v uint64)
TEXT ·setICCPMR(SB),NOSPLIT,$0-8
	MOVD	v+0(FP), R0
	MSR	R0, ICC_PMR_EL1
	ISB	SY
	RET

// func setICCCTLR(v uint64)
TEXT ·setICCCTLR(SB),NOSPLIT,$0-8
	MOVD	v+0(FP), R0
	MSR	R0, ICC_CTLR_EL1
	ISB	SY
	RET

// func setICCIGRPEN1(v uint64)
TEXT ·setICCIGRPEN1(SB),NOSPLIT,$0-8
	MOVD	v+0(FP), R0
	MSR	R0, ICC_IGRPEN1_EL1
	ISB	SY
	RET

// func iccIAR1() uint32
TEXT ·iccIAR1(SB),NOSPLIT,$0-4
	MRS	ICC_IAR1_EL1, R0
	MOVW	R0, ret+0(FP)
	RET

// func setICCEOIR1(v uint32)
TEXT ·setICCEOIR1(SB),NOSPLIT,$0-4
	MOVWU	v+0(FP), R0
	MSR	R0, ICC_EOIR1_EL1
	ISB	SY
	RET

// func mpidrEL1() uint64
TEXT ·mpidrEL1(SB),NOSPLIT,$0-8
	MRS	MPIDR_EL1, R0
	MOVD	R0, ret+0(FP)
	RET
