/**
 * The demo shop: a small application that knows nothing of Herald.
 *
 * <p>{@link com.acme.shop.ShopApp} runs a short story against the services of {@code
 * com.acme.shop.service}: an account is created and activated, two orders are placed, a payment is
 * declined, stock is reserved asynchronously (one reservation fails), and an order is cancelled.
 * Each request puts who acts into the SLF4J MDC under {@code actor}, {@code userId} and {@code
 * traceId}, as many real services do; the demo's {@code herald.yaml} tells the agent to read them.
 *
 * <p>Run it plain with {@code java -jar shop.jar}, or with Herald through {@code run-demo.sh} at
 * the repository root.
 */
package com.acme.shop;
