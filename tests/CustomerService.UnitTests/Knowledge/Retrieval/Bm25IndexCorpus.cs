using CustomerService.Core.Knowledge.Retrieval;

namespace CustomerService.UnitTests.Knowledge.Retrieval;

/// <summary>A small mixed Chinese/English knowledge base shared by the language and synonym tests.</summary>
internal static class Bm25IndexCorpus
{
    public static Bm25Index Passages { get; } = Bm25Index.Build(
    [
        new LexicalUnit("return.zh", ["退货流程：进入订单页，点击申请退货，填写原因后提交。"]),
        new LexicalUnit("refund.zh", ["退款到账时间：审核通过后1–3个工作日原路退回，货物需已寄回。"]),
        new LexicalUnit("invoice.zh", ["开票流程：订单完成后，在订单详情页操作即可，电子版发送到邮箱。"]),
        new LexicalUnit("apply.zh", ["售后申请：在订单页提交申请，客服会在24小时内处理。"]),
        new LexicalUnit("points.zh", ["会员积分规则：每消费1元积1分，积分可抵扣现金。"]),
        new LexicalUnit("shipping.zh", ["运费说明：订单满99元包邮，偏远地区另计运费。"]),
        new LexicalUnit("refund.en", ["Refunds take 1-3 working days after the returned item arrives at our warehouse."]),
        new LexicalUnit("shipping.en", ["Shipping costs: orders over $99 ship free; remote areas are charged extra."]),
        new LexicalUnit("faq.password", ["How do I reset my password?", "forgot password", "忘记密码怎么办"]),
    ]);
}
