/**
 * The shop's services, shaped like ADR-003: each extends the generic {@link
 * com.acme.shop.service.BaseService}, which holds the write operations every service shares
 * ({@code create}, {@code update}, {@code delete}), and adds the operations of its own.
 *
 * <p>Nothing here knows about Herald: the demo's {@code herald.yaml} names these classes, and the
 * agent turns their write methods into events without a line changed here.
 *
 * <p>All services are safe for concurrent use. Entities live in memory only.
 */
package com.acme.shop.service;
