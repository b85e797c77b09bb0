/**
 * The shop's data: immutable records, each an {@link com.acme.shop.model.Entity} with a numeric id.
 *
 * <p>A record with id {@code 0} is a draft that a service has not stored yet; the service assigns
 * the id when it stores it. Amounts are {@link java.math.BigDecimal} with two decimals.
 */
package com.acme.shop.model;
