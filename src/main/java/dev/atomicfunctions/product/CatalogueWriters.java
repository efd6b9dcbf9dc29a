package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.invocation.Administrators;
import dev.atomicfunctions.platform.invocation.Invocation;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may write the catalogue: administrators only ({@link Administrators}: configured groups or scopes). Every
 * product write asks first, before reading or writing anything, so that a refused caller learns nothing about the
 * catalogue beyond what reads already show and leaves no trace in it.
 */
@Singleton
final class CatalogueWriters {

    private static final Logger SECURITY = LoggerFactory.getLogger("security");

    private final Administrators administrators;

    CatalogueWriters(Administrators administrators) {
        this.administrators = administrators;
    }

    /** @throws ProductWriteForbiddenException when the invocation's subject does not administer the catalogue */
    void requireAdministrator(Invocation invocation) {
        if (!administrators.include(invocation)) {
            // Refused writes are not audited (nothing is written), but an attempt on the catalogue leaves a trace.
            SECURITY.atWarn().addKeyValue("caller", invocation.subject())
                .log("refused a catalogue write by a caller who is no administrator");
            throw new ProductWriteForbiddenException();
        }
    }
}
