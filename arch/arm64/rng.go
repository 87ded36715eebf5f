//go:build tamago && arm64

package arm64

import (
	"encoding/binary"
	"math/rand/v2"
	"sync"
	_ "unsafe"
)

// The runtime's and crypto/rand's random bytes come from a ChaCha8
// generator seeded once from RNDR where the CPU has it (FEAT_RNG, QEMU
// -cpu max) and otherwise from the counter alone. The counter is a weak
// seed on a machine with a deterministic boot (QEMU -icount): a board
// with a hardware RNG (the i.MX8MP's CAAM) should reseed from it.
var rng struct {
	sync.Mutex
	seeded bool
	c      rand.ChaCha8
}

// initRNG is runtime/goos.InitRNG; the runtime calls it before every
// read, so it seeds only once. It runs before the scheduler exists and
// must not allocate.
//
//go:linkname initRNG runtime/goos.InitRNG
func initRNG() {
	rng.Lock()
	defer rng.Unlock()
	if rng.seeded {
		return
	}

	var seed [32]byte
	hw := idAA64ISAR0()>>60 != 0
	for i := 0; i < len(seed); i += 8 {
		v := CNTVCT() * 0x9e3779b97f4a7c15
		if hw {
			if r, ok := rndr(); ok {
				v ^= r
			}
		}
		binary.LittleEndian.PutUint64(seed[i:], v^uint64(i))
	}
	rng.c.Seed(seed)
	rng.seeded = true
}

// getRandomData is runtime/goos.GetRandomData.
//
//go:linkname getRandomData runtime/goos.GetRandomData
func getRandomData(b []byte) {
	rng.Lock()
	defer rng.Unlock()
	rng.c.Read(b)
}
