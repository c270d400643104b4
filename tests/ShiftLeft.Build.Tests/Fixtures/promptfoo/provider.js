// A local promptfoo provider: no network, no model. It answers from a fixed table so every recorded run is
// reproducible; the prompt text decides whether it answers well, badly, or fails like an unreachable endpoint.
class SupportAssistantStub {
  constructor(options) {
    this.providerId = (options && options.id) || 'support-assistant-stub';
    this.config = (options && options.config) || {};
  }

  id() {
    return this.providerId;
  }

  async callApi(prompt) {
    const quality = this.config.quality || 'good';
    if (prompt.includes('[outage]')) {
      // What a provider returns when its endpoint fails: promptfoo records it as an error (failureReason 2).
      return { error: 'API error: 503 Service Unavailable\nupstream connect error or disconnect/reset before headers' };
    }
    if (quality === 'bad' && !prompt.includes('[easy]')) {
      return { output: 'I cannot help with that. Please contact someone else.' };
    }
    const answers = {
      refund: 'You can request a refund within 30 days from the Orders page. [source: kb/refunds.md]',
      password: 'Reset your password from the sign-in page with "Forgot password". [source: kb/account.md]',
      shipping: 'Standard shipping takes 3-5 business days. [source: kb/shipping.md]',
      invoice: 'Invoices are under Billing > Invoices in your account. [source: kb/billing.md]',
    };
    const topic = Object.keys(answers).find((key) => prompt.toLowerCase().includes(key));
    return { output: topic ? answers[topic] : 'I do not know. [source: none]' };
  }
}

module.exports = SupportAssistantStub;
