namespace CustomerService.FunctionalTests;

/// <summary>A small FAQ of the tests' own, distinct from the demo seed the host also loads.</summary>
internal static class TestFaq
{
    public const string JsonLines =
        """
        {"id":"pets.zh","intent":"pets_in_store","questions":["宠物可以带进门店吗","能带狗进店吗","门店允许带猫吗"],"answer":"门店欢迎牵绳的小型宠物进入，请看管好您的宠物。"}
        {"id":"pets.en","intent":"pets_in_store","questions":["Can I bring my dog into the store?","are pets allowed in your shops"],"answer":"Small pets on a leash are welcome in our stores."}
        {"id":"parking.zh","intent":"store_parking","questions":["门店有停车场吗","到店怎么停车"],"answer":"门店地下停车场前两小时免费。"}
        """;

    public const string Csv =
        "question,answer,similar_questions,id\r\n" +
        "礼品卡怎么激活,\"在「我的-礼品卡」输入卡密即可激活，激活后3年有效。\",激活礼品卡|礼品卡激活,giftcard.zh\r\n" +
        "How do I activate a gift card?,\"Open \"\"My > Gift cards\"\", enter the code, done.\",activate gift card,giftcard.en\r\n";
}
