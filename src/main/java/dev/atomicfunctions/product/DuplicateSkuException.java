package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

import java.util.Map;

/** Another product already has this SKU, whatever its case; the problem carries that product as stored. */
final class DuplicateSkuException extends DomainException {

    private final ProductView existing;

    DuplicateSkuException(ProductView existing) {
        super(ErrorKind.CONFLICT, "duplicate-sku", "SKU already in use",
            "A product with this SKU (compared without regard to case) already exists; it is given as existing.");
        this.existing = existing;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("existing", existing);
    }
}
